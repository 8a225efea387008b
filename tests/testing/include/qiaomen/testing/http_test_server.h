#pragma once
// A tiny HTTP/1.1 server on loopback for transport tests: plain POSIX sockets, one thread per
// connection, keep-alive, Content-Length bodies only. Each request goes to a handler the test
// gives.

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace qiaomen::testing {

struct TestHttpRequest {
  std::string method{};
  std::string target{};                                        // "/v1/sync?x=1"
  std::vector<std::pair<std::string, std::string>> headers{};  // names lower-cased
  std::string body{};                                          // as received (not inflated)
  std::string Header(const std::string& lower_name) const;     // "" when absent
};

struct TestHttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers{};
  std::string body{};
  int delay_ms = 0;                 // sleep before answering
  bool drop = false;                // close the connection instead of answering
  int64_t trickle_bytes_per_s = 0;  // >0: send the body this slowly (for low-speed limits)
};

// Not copyable. Start() once; the destructor stops it and joins every thread.
class HttpTestServer {
 public:
  using Handler = std::function<TestHttpResponse(const TestHttpRequest&)>;
  explicit HttpTestServer(Handler handler);
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  // Listens on 127.0.0.1 at an ephemeral port. Aborts the test binary when it cannot.
  void Start();
  int port() const { return port_; }
  std::string url(const std::string& path = "/") const;
  int connections_accepted() const { return connections_.load(); }
  int requests_served() const { return requests_.load(); }

 private:
  void AcceptLoop();
  void Serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::atomic<int> requests_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<std::thread> workers_;
  std::vector<int> open_fds_;
};

}  // namespace qiaomen::testing
