#include "qiaomen/testing/link_simulator.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>

namespace qiaomen::testing {
namespace {

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

constexpr size_t kReadChunk = 4096;

}  // namespace

struct LinkSimulator::Direction {
  struct Packet {
    int64_t deliver_us;
    std::string data;
  };
  std::deque<Packet> queue;
  size_t queued_bytes = 0;
  bool eof = false;
};

struct LinkSimulator::Connection {
  int fd[2] = {-1, -1};  // 0: the client side, 1: the server side
  std::mutex mu;
  std::condition_variable cv;
  bool closed = false;
  std::atomic<int> threads_done{0};
  Direction dir[2];  // 0: client -> server, 1: server -> client
  ~Connection() {
    for (int f : fd) {
      if (f >= 0) ::close(f);
    }
  }
};

LinkSimulator::LinkSimulator(std::string target_host, int target_port, LinkProfile profile)
    : target_host_(std::move(target_host)), target_port_(target_port), profile_(profile) {}

LinkSimulator::~LinkSimulator() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  if (acceptor_.joinable()) acceptor_.join();
  if (cutter_.joinable()) cutter_.join();
  CutAll();
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return live_threads_ == 0; });
  }
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

bool LinkSimulator::Start(int listen_port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  // Small kernel buffers, so the sender feels the simulated link instead of loopback's megabytes.
  int buffer = 64 * 1024;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(listen_port));
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 128) != 0) {
    return false;
  }
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
  cutter_ = std::thread([this] { CutterLoop(); });
  return true;
}

std::string LinkSimulator::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void LinkSimulator::SetProfile(LinkProfile profile) {
  std::lock_guard lock(mu_);
  profile_ = profile;
}

void LinkSimulator::SetTargetPort(int port) { target_port_ = port; }

void LinkSimulator::CutAfterUpstreamBytes(int64_t bytes) {
  std::lock_guard lock(mu_);
  cut_after_ = bytes;
}

void LinkSimulator::CutEvery(int64_t ms) {
  {
    std::lock_guard lock(mu_);
    cut_every_ms_ = ms;
  }
  cv_.notify_all();
}

void LinkSimulator::SetStalled(bool stalled) {
  {
    std::lock_guard lock(mu_);
    stalled_ = stalled;
  }
  std::vector<std::shared_ptr<Connection>> conns;
  {
    std::lock_guard lock(mu_);
    conns = conns_;
  }
  for (auto& c : conns) c->cv.notify_all();
}

void LinkSimulator::DropNextResponses(int count) {
  std::lock_guard lock(mu_);
  drop_responses_ = count;
}

void LinkSimulator::CutAll() {
  std::vector<std::shared_ptr<Connection>> conns;
  {
    std::lock_guard lock(mu_);
    conns.swap(conns_);
  }
  for (auto& c : conns) Cut(*c);
}

void LinkSimulator::SetDown(bool down) {
  {
    std::lock_guard lock(mu_);
    down_ = down;
  }
  if (down) CutAll();
}

void LinkSimulator::Cut(Connection& conn) {
  {
    std::lock_guard lock(conn.mu);
    if (conn.closed) return;
    conn.closed = true;
    ++cuts_;  // before the sockets go: a client that sees the cut sees it counted
    for (int f : conn.fd) {
      linger hard{1, 0};  // close() then sends a reset, not an orderly FIN
      ::setsockopt(f, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
      ::shutdown(f, SHUT_RDWR);
    }
  }
  conn.cv.notify_all();
}

void LinkSimulator::CutterLoop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (cut_every_ms_ <= 0) {
      cv_.wait(lock);
      continue;
    }
    const int64_t every = cut_every_ms_;
    if (!cv_.wait_for(lock, std::chrono::milliseconds(every),
                      [&] { return stopping_ || cut_every_ms_ != every; })) {
      lock.unlock();
      CutAll();
      lock.lock();
    }
  }
}

void LinkSimulator::ThreadDone(Connection& conn) {
  ++conn.threads_done;
  std::lock_guard lock(mu_);
  --live_threads_;
  cv_.notify_all();
}

void LinkSimulator::AcceptLoop() {
  while (true) {
    int client = ::accept(listen_fd_, nullptr, nullptr);
    bool down = false;
    {
      std::lock_guard lock(mu_);
      if (stopping_) {
        if (client >= 0) ::close(client);
        return;
      }
      down = down_;
    }
    if (client < 0) continue;
    if (down) {
      linger hard{1, 0};
      ::setsockopt(client, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
      ::close(client);  // no signal: the client's connection is reset
      continue;
    }
    int server = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(target_port_.load()));
    ::inet_pton(AF_INET, target_host_ == "localhost" ? "127.0.0.1" : target_host_.c_str(),
                &addr.sin_addr);
    if (::connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      linger hard{1, 0};
      ::setsockopt(client, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
      ::close(client);  // the server is down: the client sees its connection reset
      ::close(server);
      continue;
    }
    int one = 1;
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ::setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    auto conn = std::make_shared<Connection>();
    conn->fd[0] = client;
    conn->fd[1] = server;
    ++connections_;
    std::lock_guard lock(mu_);
    // Forget connections whose four threads are done (their sockets close with the last owner).
    std::erase_if(conns_,
                  [](const std::shared_ptr<Connection>& c) { return c->threads_done == 4; });
    conns_.push_back(conn);
    live_threads_ += 4;
    for (int d = 0; d < 2; ++d) {
      std::thread([this, conn, d] {
        ReadLoop(conn, d);
        ThreadDone(*conn);
      }).detach();
      std::thread([this, conn, d] {
        WriteLoop(conn, d);
        ThreadDone(*conn);
      }).detach();
    }
  }
}

int64_t LinkSimulator::ScheduleDelivery(int dir, int64_t bytes, int64_t arrival_us) {
  // Called with mu_ held. One pipe per direction shared by all connections.
  int64_t start = std::max(arrival_us, next_free_us_[dir]);
  int64_t tx_us = profile_.bandwidth_bps > 0 ? bytes * 8 * 1'000'000 / profile_.bandwidth_bps : 0;
  next_free_us_[dir] = start + tx_us;
  return start + tx_us + profile_.latency_ms * 1000;
}

void LinkSimulator::ReadLoop(std::shared_ptr<Connection> conn, int dir) {
  const int src = conn->fd[dir];
  char buf[kReadChunk];
  while (true) {
    size_t limit;
    {
      std::lock_guard lock(mu_);
      limit =
          64 * 1024 + static_cast<size_t>(profile_.bandwidth_bps / 8 * profile_.latency_ms / 1000);
    }
    {
      std::unique_lock lock(conn->mu);
      conn->cv.wait(lock, [&] { return conn->closed || conn->dir[dir].queued_bytes < limit; });
      if (conn->closed) return;
    }
    ssize_t n = ::recv(src, buf, sizeof(buf), 0);
    if (n <= 0) {
      std::lock_guard lock(conn->mu);
      conn->dir[dir].eof = true;
      conn->cv.notify_all();
      return;
    }
    int64_t forward = n;
    bool cut_all = false, cut_this = false;
    int64_t deliver;
    {
      std::lock_guard lock(mu_);
      if (dir == 1 && drop_responses_ > 0) {
        --drop_responses_;
        cut_this = true;
        forward = 0;
      }
      if (dir == 0 && cut_after_ >= 0) {
        if (forward >= cut_after_) {
          forward = cut_after_;
          cut_after_ = -1;
          cut_all = true;
        } else {
          cut_after_ -= forward;
        }
      }
      deliver = ScheduleDelivery(dir, forward, NowUs());
    }
    if (forward > 0) {
      (dir == 0 ? upstream_bytes_ : downstream_bytes_) += forward;
      std::lock_guard lock(conn->mu);
      conn->dir[dir].queue.push_back({deliver, std::string(buf, static_cast<size_t>(forward))});
      conn->dir[dir].queued_bytes += static_cast<size_t>(forward);
      conn->cv.notify_all();
    }
    if (cut_all) {
      CutAll();
      return;
    }
    if (cut_this) {
      Cut(*conn);
      return;
    }
  }
}

void LinkSimulator::WriteLoop(std::shared_ptr<Connection> conn, int dir) {
  const int dst = conn->fd[1 - dir];
  while (true) {
    std::string data;
    {
      std::unique_lock lock(conn->mu);
      Direction& d = conn->dir[dir];
      while (true) {
        if (conn->closed) return;
        bool stalled;
        {
          std::lock_guard global(mu_);
          stalled = stalled_;
        }
        if (d.queue.empty()) {
          if (d.eof) {
            ::shutdown(dst, SHUT_WR);
            return;
          }
          conn->cv.wait(lock);
          continue;
        }
        const int64_t wait_us = d.queue.front().deliver_us - NowUs();
        if (stalled || wait_us > 0) {
          conn->cv.wait_for(lock, std::chrono::microseconds(stalled ? 20'000 : wait_us));
          continue;
        }
        data = std::move(d.queue.front().data);
        d.queue.pop_front();
        d.queued_bytes -= data.size();
        conn->cv.notify_all();
        break;
      }
    }
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::send(dst, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) {
        Cut(*conn);
        return;
      }
      off += static_cast<size_t>(n);
    }
  }
}

}  // namespace qiaomen::testing
