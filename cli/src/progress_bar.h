#pragma once
// Shows sync progress: a bar redrawn in place on a terminal, or one plain line per phase and per
// tenth of the work when the output is a file or a pipe (`--progress`).

#include <ostream>
#include <string>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/sync/sync_engine.h"

namespace qiaomen::cli {

class ProgressView {
 public:
  // Labels in `language` (messages.h).
  ProgressView(std::ostream& out, bool terminal, core::domain::Language language)
      : out_(out), terminal_(terminal), language_(language) {}
  // Called from the engine's thread(s), one call at a time.
  void Update(const sync::SyncProgress& progress);
  // Ends the bar's line (terminal) before the summary is printed.
  void Finish();

 private:
  std::ostream& out_;
  bool terminal_;
  core::domain::Language language_;
  bool drawn_ = false;
  int last_phase_ = -1;
  int last_tenth_ = -1;
};

// "[#######.............]  35%" for `done` of `total` (width characters of bar).
std::string Bar(int64_t done, int64_t total, int width);
// "1.2 MB", "340 kB", "512 B".
std::string Bytes(int64_t bytes);

}  // namespace qiaomen::cli
