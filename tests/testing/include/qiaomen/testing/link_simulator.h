#pragma once
// A TCP proxy on loopback that behaves like a bad mobile link: one-way latency, a bandwidth shared
// by all connections (per direction), stalls, a cut once a number of client->server bytes went
// through, a cut every N milliseconds, and answers dropped after the server sent them. Tests drive
// it in-process; tests/tools/link_simulator_main.cc runs it standalone for the demo.
//
// A "cut" closes every open connection with a reset (data in flight is lost), like a phone
// dropping off a cell. New connections are accepted again at once.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace qiaomen::testing {

struct LinkProfile {
  int64_t latency_ms = 0;     // one way, each direction (a round trip costs twice this)
  int64_t bandwidth_bps = 0;  // bits per second, each direction; 0: unlimited
};

// Thread-safe. Start() once; the destructor cuts everything and joins every thread.
class LinkSimulator {
 public:
  LinkSimulator(std::string target_host, int target_port, LinkProfile profile = {});
  ~LinkSimulator();
  LinkSimulator(const LinkSimulator&) = delete;
  LinkSimulator& operator=(const LinkSimulator&) = delete;

  // Listens on 127.0.0.1:`listen_port` (0: an ephemeral port). Returns false when it cannot.
  bool Start(int listen_port = 0);
  int port() const { return port_; }
  std::string url(const std::string& path = "") const;

  void SetProfile(LinkProfile profile);
  // New connections go to this port from now on (a restarted server listens elsewhere).
  void SetTargetPort(int port);
  // Once `bytes` more client->server bytes have been forwarded, cut every connection (one shot).
  void CutAfterUpstreamBytes(int64_t bytes);
  // Cut every connection every `ms` milliseconds (0: stop).
  void CutEvery(int64_t ms);
  // Holds all data in both directions while set (connections stay open).
  void SetStalled(bool stalled);
  // The next `count` server answers are lost: the connection is cut when the server starts
  // answering (the server has done the work; the client never hears of it).
  void DropNextResponses(int count);
  // Cuts every open connection now.
  void CutAll();
  // While down, the link is gone (no signal): open connections are cut and new ones are reset at
  // once, without reaching the server. Up again: connections go through as before.
  void SetDown(bool down);

  int64_t upstream_bytes() const { return upstream_bytes_.load(); }      // client -> server
  int64_t downstream_bytes() const { return downstream_bytes_.load(); }  // server -> client
  int connections() const { return connections_.load(); }
  int cuts() const { return cuts_.load(); }  // connections cut so far

 private:
  struct Connection;
  struct Direction;
  void AcceptLoop();
  void CutterLoop();
  void ReadLoop(std::shared_ptr<Connection> conn, int dir);
  void WriteLoop(std::shared_ptr<Connection> conn, int dir);
  void Cut(Connection& conn);
  void ThreadDone(Connection& conn);
  int64_t ScheduleDelivery(int dir, int64_t bytes, int64_t arrival_us);

  std::string target_host_;
  std::atomic<int> target_port_;
  int listen_fd_ = -1;
  int port_ = 0;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  LinkProfile profile_;
  bool stopping_ = false;
  bool stalled_ = false;
  bool down_ = false;
  int64_t cut_after_ = -1;
  int64_t cut_every_ms_ = 0;
  int drop_responses_ = 0;
  int64_t next_free_us_[2] = {0, 0};  // when each direction's shared pipe is idle again
  std::vector<std::shared_ptr<Connection>> conns_;
  int live_threads_ = 0;
  std::thread acceptor_;
  std::thread cutter_;

  std::atomic<int64_t> upstream_bytes_{0};
  std::atomic<int64_t> downstream_bytes_{0};
  std::atomic<int> connections_{0};
  std::atomic<int> cuts_{0};
};

}  // namespace qiaomen::testing
