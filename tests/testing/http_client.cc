#include "qiaomen/testing/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace qiaomen::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

core::Result<HttpReply> HttpRequest(uint16_t port, const std::string& method,
                                    const std::string& target, const HttpHeaders& headers,
                                    const std::string& body) {
  try {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(60));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    http::read(stream, buffer, parser);
    auto& res = parser.get();
    HttpReply reply;
    reply.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      // A repeated header (Set-Cookie) keeps every value, one a line.
      auto [it, added] = reply.headers.try_emplace(name, field.value());
      if (!added) it->second += "\n" + std::string(field.value());
    }
    reply.body = res.body();
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return reply;
  } catch (const std::exception& e) {
    return core::Unavailable(std::string("HTTP request failed: ") + e.what());
  }
}

core::Result<std::string> RawExchange(uint16_t port, const std::string& raw) {
  try {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    net::write(socket, net::buffer(raw));
    socket.shutdown(tcp::socket::shutdown_send);
    std::string out;
    char buf[4096];
    beast::error_code ec;
    while (true) {
      size_t n = socket.read_some(net::buffer(buf), ec);
      out.append(buf, n);
      if (ec) break;
    }
    return out;
  } catch (const std::exception& e) {
    return core::Unavailable(std::string("raw exchange failed: ") + e.what());
  }
}

}  // namespace qiaomen::testing

#include <thread>

namespace qiaomen::testing {

core::Result<std::string> SlowExchange(uint16_t port, const std::string& first,
                                       const std::function<void()>& between,
                                       const std::string& rest) {
  try {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    net::write(socket, net::buffer(first));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    between();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    net::write(socket, net::buffer(rest));
    std::string out;
    char buf[4096];
    beast::error_code ec;
    while (true) {
      size_t n = socket.read_some(net::buffer(buf), ec);
      out.append(buf, n);
      if (ec) break;
    }
    return out;
  } catch (const std::exception& e) {
    return core::Unavailable(std::string("slow exchange failed: ") + e.what());
  }
}

}  // namespace qiaomen::testing
