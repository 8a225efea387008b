// Boost.Beast sessions, modelled on Beast's "advanced server flex" example: one class template for
// plain and TLS streams, each session on its own strand, handlers on a separate worker pool so a
// slow database call never stalls socket I/O.
#include "qiaomen/server/http_server.h"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace qiaomen::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

struct Shared {
  Shared(const HttpServerOptions& o, const Router& r, Metrics& m, net::thread_pool& w)
      : options(o), router(r), metrics(m), workers(w) {}
  const HttpServerOptions& options;
  const Router& router;
  Metrics& metrics;
  net::thread_pool& workers;
  std::atomic<bool> draining{false};
  std::atomic<int> live_sessions{0};
  std::mutex addresses_mu;
  std::unordered_map<std::string, int> per_address;  // open connections by peer address

  // Counts a new connection from `address`; false (nothing counted) when over a cap.
  bool Admit(const std::string& address) {
    std::lock_guard lock(addresses_mu);
    if (options.max_connections > 0 && live_sessions.load() >= options.max_connections) {
      return false;
    }
    int& n = per_address[address];
    if (options.max_connections_per_address > 0 && n >= options.max_connections_per_address) {
      if (n == 0) per_address.erase(address);
      return false;
    }
    ++n;
    return true;
  }
  void Release(const std::string& address) {
    std::lock_guard lock(addresses_mu);
    auto it = per_address.find(address);
    if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
  }
};

// The methods the API answers; anything else is refused before routing (and before it could
// become a metrics series of its own).
bool IsServedMethod(http::verb verb) {
  switch (verb) {
    case http::verb::get:
    case http::verb::head:
    case http::verb::post:
    case http::verb::put:
    case http::verb::patch:
    case http::verb::delete_:
    case http::verb::options:
      return true;
    default:
      return false;
  }
}

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void CloseIfIdle() = 0;
};

template <class Derived>
class Session : public SessionBase {
 public:
  // The connection from `address` was counted by Shared::Admit.
  Session(Shared& shared, std::string address) : shared_(shared), address_(std::move(address)) {
    ++shared_.live_sessions;
  }
  ~Session() override {
    --shared_.live_sessions;
    shared_.Release(address_);
  }

  void CloseIfIdle() override {
    net::post(Self().stream().get_executor(), [self = Self().shared_from_this()] {
      if (!self->busy_) beast::get_lowest_layer(self->stream()).cancel();
    });
  }

 protected:
  Derived& Self() { return static_cast<Derived&>(*this); }

  void DoRead() {
    busy_ = false;
    if (shared_.draining) return Self().DoClose();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(shared_.options.max_header_bytes));
    parser_->body_limit(shared_.options.max_large_body_bytes);
    beast::get_lowest_layer(Self().stream()).expires_after(shared_.options.idle_timeout);
    http::async_read_header(
        Self().stream(), buffer_, *parser_,
        [self = Self().shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset) {
      return Self().DoClose();
    }
    busy_ = true;
    if (ec == http::error::header_limit) {
      return Reply(TextResponse(431, "The request headers are too large."), true);
    }
    if (ec) return Reply(TextResponse(400, "Malformed HTTP request: " + ec.message() + "."), true);
    if (!IsServedMethod(parser_->get().method())) {
      shared_.metrics.ObserveRequest("", "other", 501, 0);
      return Reply(TextResponse(501,
                                "This server answers GET, HEAD, POST, PUT, PATCH, DELETE and "
                                "OPTIONS only."),
                   true);
    }
    head_request_ = parser_->get().method() == http::verb::head;
    std::string target(parser_->get().target());
    limit_ = target.rfind(shared_.options.large_body_prefix, 0) == 0
                 ? shared_.options.max_large_body_bytes
                 : shared_.options.max_body_bytes;
    if (auto length = parser_->content_length(); length && *length > limit_) {
      return Reply(TextResponse(413, "The body is larger than the limit of " +
                                         std::to_string(limit_) + " bytes."),
                   true);
    }
    parser_->body_limit(limit_);
    if (!shared_.options.header_check) return StartBody();
    // The token (and the per-address limit) is checked before a byte of the body is read. On a
    // worker: it may ask the database.
    auto head = MakeRequest(false);
    auto self = Self().shared_from_this();
    beast::get_lowest_layer(Self().stream()).expires_after(shared_.options.body_stall_timeout);
    net::post(shared_.workers, [self, head, this] {
      auto refused = shared_.options.header_check(*head);
      if (refused) {
        shared_.metrics.ObserveRequest(shared_.router.RouteOf(*head), head->method, refused->status,
                                       0);
      }
      net::post(Self().stream().get_executor(), [self, refused = std::move(refused)]() mutable {
        if (refused) return self->Reply(std::move(*refused), true);
        self->StartBody();
      });
    });
  }

  // The whole body must arrive by a deadline set from its length and the minimum rate.
  void StartBody() {
    const auto& o = shared_.options;
    body_deadline_ = std::chrono::steady_clock::time_point::max();
    if (o.min_body_bytes_per_second > 0) {
      auto length = parser_->content_length();
      uint64_t expected = length ? *length : limit_;
      body_deadline_ = std::chrono::steady_clock::now() + o.body_grace +
                       std::chrono::milliseconds(expected * 1000 / o.min_body_bytes_per_second);
    }
    ReadBody();
  }

  void ReadBody() {
    if (parser_->is_done()) return Dispatch();
    auto stall = std::chrono::steady_clock::now() + shared_.options.body_stall_timeout;
    beast::get_lowest_layer(Self().stream()).expires_at(std::min(stall, body_deadline_));
    http::async_read_some(
        Self().stream(), buffer_, *parser_,
        [self = Self().shared_from_this()](beast::error_code ec, size_t) {
          if (ec == http::error::body_limit) {
            return self->Reply(TextResponse(413, "The body is too large."), true);
          }
          if (ec == beast::error::timeout || ec == net::error::eof ||
              ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
              ec == net::error::connection_reset || ec == http::error::partial_message) {
            return self->DoClose();
          }
          if (ec) {
            return self->Reply(TextResponse(400, "Malformed HTTP request: " + ec.message() + "."),
                               true);
          }
          self->ReadBody();
        });
  }

  // The request as the handlers see it; the body only when `with_body` (it is moved out).
  std::shared_ptr<HttpRequest> MakeRequest(bool with_body) {
    auto& message = parser_->get();
    auto request = std::make_shared<HttpRequest>();
    request->method = std::string(message.method_string());
    request->target = std::string(message.target());
    request->path = request->target.substr(0, request->target.find('?'));
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request->headers.emplace_back(std::move(name), std::string(field.value()));
    }
    if (with_body) request->body = std::move(message.body());
    request->remote = address_;
    return request;
  }

  void Dispatch() {
    auto& message = parser_->get();
    auto request = MakeRequest(true);
    bool keep_alive = message.keep_alive();
    head_request_ = message.method() == http::verb::head;
    auto self = Self().shared_from_this();
    shared_.metrics.AddInFlight(1);
    net::post(shared_.workers, [self, request, keep_alive, this] {
      auto start = std::chrono::steady_clock::now();
      HttpResponse response;
      std::string error = DecodeContentEncoding(
          *request, request->path.rfind(shared_.options.large_body_prefix, 0) == 0
                        ? shared_.options.max_large_body_bytes
                        : shared_.options.max_body_bytes);
      response = error.empty() ? shared_.router.Handle(*request) : TextResponse(400, error);
      EncodeResponse(*request, response);
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      shared_.metrics.ObserveRequest(shared_.router.RouteOf(*request), request->method,
                                     response.status, seconds);
      shared_.metrics.AddInFlight(-1);
      net::post(Self().stream().get_executor(),
                [self, keep_alive, r = std::move(response)]() mutable {
                  self->Reply(std::move(r), !keep_alive);
                });
    });
  }

  void Reply(HttpResponse response, bool close) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    res->set(http::field::server, "qiaomen-county");
    for (auto& [name, value] : response.headers) res->insert(name, value);
    res->body() = std::move(response.body);
    res->prepare_payload();
    if (head_request_) res->body().clear();
    res->keep_alive(!close && !shared_.draining);
    beast::get_lowest_layer(Self().stream()).expires_after(shared_.options.body_stall_timeout);
    http::async_write(
        Self().stream(), *res,
        [self = Self().shared_from_this(), res](beast::error_code ec, size_t) {
          // Answered before its body was read (401, 413): closing with unread
          // bytes would send a reset that can destroy the answer on its way.
          if (!ec && !res->keep_alive() && self->parser_ && !self->parser_->is_done()) {
            return self->DoLingeringClose();
          }
          if (ec || !res->keep_alive()) return self->DoClose();
          self->DoRead();
        });
  }

  Shared& shared_;
  std::string address_;
  size_t limit_ = 0;
  std::chrono::steady_clock::time_point body_deadline_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool busy_ = false;
  bool head_request_ = false;
};

class PlainSession final : public Session<PlainSession>,
                           public std::enable_shared_from_this<PlainSession> {
 public:
  PlainSession(tcp::socket socket, Shared& shared, std::string address)
      : Session(shared, std::move(address)), stream_(std::move(socket)) {}
  beast::tcp_stream& stream() { return stream_; }
  void Start() { DoRead(); }
  void DoClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }
  // Sends FIN, then reads and drops what the client still sends (at most 1 MiB, 2 s) before
  // closing, so the answer reaches a client that is still writing its body.
  void DoLingeringClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    Drain(0);
  }

 private:
  void Drain(size_t drained) {
    if (drained > (1u << 20)) return DoClose();
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this(), drained](beast::error_code ec, size_t n) {
                              if (ec) return self->DoClose();
                              self->Drain(drained + n);
                            });
  }
  beast::tcp_stream stream_;
  std::array<char, 16384> discard_{};
};

class TlsSession final : public Session<TlsSession>,
                         public std::enable_shared_from_this<TlsSession> {
 public:
  TlsSession(tcp::socket socket, ssl::context& ctx, Shared& shared, std::string address)
      : Session(shared, std::move(address)), stream_(std::move(socket), ctx) {}
  beast::ssl_stream<beast::tcp_stream>& stream() { return stream_; }
  void Start() {
    beast::get_lowest_layer(stream_).expires_after(shared_.options.header_timeout);
    stream_.async_handshake(ssl::stream_base::server,
                            [self = shared_from_this()](beast::error_code ec) {
                              if (ec) return self->CloseSocket();
                              self->DoRead();
                            });
  }
  void DoLingeringClose() { DoClose(); }
  void DoClose() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->CloseSocket(); });
  }

 private:
  void CloseSocket() {
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().close(ec);
  }
  beast::ssl_stream<beast::tcp_stream> stream_;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, const Router& router, Metrics& metrics)
      : options_(std::move(options)),
        workers_(static_cast<size_t>(std::max(1, options_.worker_threads))),
        shared_{options_, router, metrics, workers_},
        acceptor_(ioc_),
        accept_retry_(ioc_),
        signals_(ioc_, SIGINT, SIGTERM) {}

  core::Status Listen() {
    if (!options_.tls_cert.empty() || !options_.tls_key.empty()) {
      if (options_.tls_cert.empty() || options_.tls_key.empty()) {
        return core::InvalidArgument("Give both --tls-cert and --tls-key, or neither.");
      }
      tls_.emplace(ssl::context::tls_server);
      beast::error_code ec;
      tls_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
      tls_->use_certificate_chain_file(options_.tls_cert, ec);
      if (ec)
        return core::InvalidArgument("Cannot load the TLS certificate " + options_.tls_cert + ": " +
                                     ec.message() + ".");
      tls_->use_private_key_file(options_.tls_key, ssl::context::pem, ec);
      if (ec)
        return core::InvalidArgument("Cannot load the TLS key " + options_.tls_key + ": " +
                                     ec.message() + ".");
    }
    beast::error_code ec;
    auto address = net::ip::make_address(options_.host, ec);
    if (ec) return core::InvalidArgument("'" + options_.host + "' is not an IP address.");
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      // Not Unavailable: that says "the server is out of reach, try later" (exit 4); a port taken
      // by another program stays taken until someone acts.
      address_in_use_ = ec == net::error::address_in_use;
      const std::string where = options_.host + ":" + std::to_string(options_.port);
      if (address_in_use_) {
        return core::IOError("Port " + std::to_string(options_.port) + " on " + options_.host +
                             " is in use by another program (another qiaomen-county serve?): stop "
                             "it, or give another port with --listen.");
      }
      return core::IOError("Cannot listen on " + where + ": " + ec.message() +
                           ". Give an address of this machine with --listen.");
    }
    return core::Status::Ok();
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  bool address_in_use() const { return address_in_use_; }
  int abandoned() const { return abandoned_; }

  void Run() {
    signals_.async_wait([this](beast::error_code ec, int) {
      if (!ec) Stop();
    });
    Accept();
    // Keeps the I/O threads running while the drain waits: a request being handled on a worker
    // has no I/O pending, and without this guard the threads would return once the acceptor and
    // the idle sessions are closed, leaving its reply unsent.
    auto work = net::make_work_guard(ioc_);
    std::vector<std::thread> threads;
    for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
      threads.emplace_back([this] { ioc_.run(); });
    }
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stop_requested_; });
    }
    shared_.draining = true;
    net::post(ioc_, [this] {
      beast::error_code ec;
      acceptor_.close(ec);
      accept_retry_.cancel();
      signals_.cancel(ec);
      std::lock_guard lock(sessions_mu_);
      for (auto& weak : sessions_) {
        if (auto s = weak.lock()) s->CloseIfIdle();
      }
    });
    auto deadline = std::chrono::steady_clock::now() + options_.drain_timeout;
    while (shared_.live_sessions.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    abandoned_ = shared_.live_sessions.load();
    work.reset();
    ioc_.stop();
    for (auto& t : threads) t.join();
    workers_.join();
  }

  void Stop() {
    std::lock_guard lock(mu_);
    stop_requested_ = true;
    cv_.notify_all();
  }

 private:
  void Accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec,
                                                          tcp::socket socket) {
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        // Out of descriptors (EMFILE) or memory: retrying at once would spin. Back off,
        // up to a second, while the open connections finish.
        accept_backoff_ = std::min<std::chrono::milliseconds>(
            std::max<std::chrono::milliseconds>(accept_backoff_ * 2, std::chrono::milliseconds(10)),
            std::chrono::milliseconds(1000));
        shared_.metrics.Add("accept_errors");
        accept_retry_.expires_after(accept_backoff_);
        return accept_retry_.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec && acceptor_.is_open()) Accept();
        });
      }
      accept_backoff_ = std::chrono::milliseconds(0);
      beast::error_code peer_ec;
      auto peer = socket.remote_endpoint(peer_ec);
      std::string address = peer_ec ? "" : peer.address().to_string();
      if (!shared_.Admit(address)) {
        shared_.metrics.Add("connections_refused");
        beast::error_code close_ec;
        socket.close(close_ec);
        return Accept();
      }
      std::shared_ptr<SessionBase> session;
      if (tls_) {
        auto s = std::make_shared<TlsSession>(std::move(socket), *tls_, shared_, address);
        s->Start();
        session = s;
      } else {
        auto s = std::make_shared<PlainSession>(std::move(socket), shared_, address);
        s->Start();
        session = s;
      }
      {
        std::lock_guard lock(sessions_mu_);
        std::erase_if(sessions_, [](const auto& w) { return w.expired(); });
        sessions_.push_back(session);
      }
      // Accepted while the drain began: the drain's sweep may have missed it.
      if (shared_.draining) session->CloseIfIdle();
      Accept();
    });
  }

  HttpServerOptions options_;
  net::thread_pool workers_;
  Shared shared_;
  std::optional<ssl::context> tls_;
  // After shared_: sessions abandoned at the drain deadline are destroyed with the context's
  // pending handlers, and their destructors still touch shared_.
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer accept_retry_;
  std::chrono::milliseconds accept_backoff_{0};
  net::signal_set signals_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_requested_ = false;
  int abandoned_ = 0;
  bool address_in_use_ = false;
  std::mutex sessions_mu_;
  std::vector<std::weak_ptr<SessionBase>> sessions_;
};

HttpServer::HttpServer(HttpServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}
HttpServer::~HttpServer() = default;
core::Status HttpServer::Listen() { return impl_->Listen(); }
bool HttpServer::address_in_use() const { return impl_->address_in_use(); }
uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }
int HttpServer::abandoned_connections() const { return impl_->abandoned(); }

}  // namespace qiaomen::server
