#include "qiaomen/testing/http_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace qiaomen::testing {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

}  // namespace

std::string TestHttpRequest::Header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

HttpTestServer::HttpTestServer(Handler handler) : handler_(std::move(handler)) {}

HttpTestServer::~HttpTestServer() {
  stopping_ = true;
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  if (acceptor_.joinable()) acceptor_.join();
  {
    std::lock_guard lock(mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : workers_) t.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

void HttpTestServer::Start() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 64) != 0) {
    std::perror("HttpTestServer: bind/listen");
    std::abort();
  }
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

std::string HttpTestServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void HttpTestServer::AcceptLoop() {
  while (!stopping_) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
      if (stopping_) return;
      continue;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ++connections_;
    std::lock_guard lock(mu_);
    open_fds_.push_back(fd);
    workers_.emplace_back([this, fd] { Serve(fd); });
  }
}

void HttpTestServer::Serve(int fd) {
  std::string buffer;
  char chunk[65536];
  auto read_more = [&]() -> bool {
    ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  };
  bool open = true;
  while (open && !stopping_) {
    size_t end;
    while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!read_more()) {
        open = false;
        break;
      }
    }
    if (!open) break;
    TestHttpRequest req;
    std::string head = buffer.substr(0, end);
    buffer.erase(0, end + 4);
    size_t line_end = head.find("\r\n");
    std::string request_line = head.substr(0, line_end);
    size_t s1 = request_line.find(' ');
    size_t s2 = request_line.rfind(' ');
    req.method = request_line.substr(0, s1);
    req.target = request_line.substr(s1 + 1, s2 - s1 - 1);
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t e = head.find("\r\n", pos);
      if (e == std::string::npos) e = head.size();
      std::string line = head.substr(pos, e - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        req.headers.emplace_back(Lower(line.substr(0, colon)), value);
      }
      pos = e + 2;
    }
    size_t length = static_cast<size_t>(std::atoll(req.Header("content-length").c_str()));
    while (buffer.size() < length) {
      if (!read_more()) {
        open = false;
        break;
      }
    }
    if (!open) break;
    req.body = buffer.substr(0, length);
    buffer.erase(0, length);
    ++requests_;

    TestHttpResponse resp = handler_(req);
    // Sleeps in slices so stopping the server is not held up by a long delay.
    for (int waited = 0; waited < resp.delay_ms && !stopping_; waited += 10) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (resp.drop) break;
    std::string out =
        "HTTP/1.1 " + std::to_string(resp.status) + " " + Reason(resp.status) + "\r\n";
    bool has_length = false;
    for (const auto& [k, v] : resp.headers) {
      out += k + ": " + v + "\r\n";
      if (Lower(k) == "content-length") has_length = true;
    }
    if (!has_length) out += "Content-Length: " + std::to_string(resp.body.size()) + "\r\n";
    out += "\r\n";
    if (!WriteAll(fd, out.data(), out.size())) break;
    if (req.method == "HEAD") continue;
    if (resp.trickle_bytes_per_s > 0) {
      for (char c : resp.body) {
        if (stopping_ || !WriteAll(fd, &c, 1)) {
          open = false;
          break;
        }
        std::this_thread::sleep_for(
            std::chrono::microseconds(1'000'000 / resp.trickle_bytes_per_s));
      }
    } else if (!WriteAll(fd, resp.body.data(), resp.body.size())) {
      break;
    }
  }
  std::lock_guard lock(mu_);
  open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
  ::close(fd);
}

}  // namespace qiaomen::testing
