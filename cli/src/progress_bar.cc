#include "progress_bar.h"

#include <cstdio>

#include "qiaomen/cli/messages.h"

namespace qiaomen::cli {

std::string Bar(int64_t done, int64_t total, int width) {
  int filled = total > 0 ? static_cast<int>(done * width / total) : 0;
  if (filled > width) filled = width;
  int percent = total > 0 ? static_cast<int>(done * 100 / total) : 0;
  if (percent > 100) percent = 100;
  char pct[16];
  std::snprintf(pct, sizeof pct, "%3d%%", percent);
  return "[" + std::string(static_cast<size_t>(filled), '#') +
         std::string(static_cast<size_t>(width - filled), '.') + "] " + pct;
}

std::string Bytes(int64_t bytes) {
  char buf[32];
  if (bytes >= 1'000'000) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  } else if (bytes >= 1000) {
    std::snprintf(buf, sizeof buf, "%.0f kB", static_cast<double>(bytes) / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  }
  return buf;
}

void ProgressView::Update(const sync::SyncProgress& p) {
  using Phase = sync::SyncProgress::Phase;
  bool photos = p.phase == Phase::kPhotos;
  int64_t done = photos ? p.bytes_done : p.records_done;
  int64_t total = photos ? p.bytes_total : p.records_total;
  const Msg label_id =
      photos ? Msg::kProgressPhotos
             : (p.phase == Phase::kWaiting ? Msg::kProgressWaiting : Msg::kProgressRecords);
  const std::string label(MessageText(label_id, language_));
  std::string amount = photos ? Bytes(done) + " / " + Bytes(total)
                              : std::to_string(done) + " / " + std::to_string(total);
  std::string eta =
      p.eta_ms >= 0 ? Say(language_, Msg::kProgressEta, {std::to_string((p.eta_ms + 999) / 1000)})
                    : "";
  // The engine says why it waits in English (SyncProgress::message): shown with English only;
  // in Chinese the label says it waits, and a sync that gives up says why from the catalogue.
  const bool detail = language_ == core::domain::Language::kEn;
  if (terminal_) {
    out_ << "\r\033[K" << label << " " << Bar(done, total, 30) << "  " << amount << eta;
    if (p.phase == Phase::kWaiting && detail) out_ << "  " << p.message;
    out_.flush();
    drawn_ = true;
    return;
  }
  int phase = static_cast<int>(p.phase);
  int tenth = total > 0 ? static_cast<int>(done * 10 / total) : 0;
  if (phase == last_phase_ && tenth == last_tenth_ && p.phase != Phase::kWaiting) return;
  if (p.phase == Phase::kDone) return;
  last_phase_ = phase;
  last_tenth_ = tenth;
  out_ << "  " << label << " " << Bar(done, total, 20) << "  " << amount << eta;
  if (p.phase == Phase::kWaiting && detail && !p.message.empty()) out_ << "  " << p.message;
  out_ << "\n";
  out_.flush();
}

void ProgressView::Finish() {
  if (terminal_ && drawn_) out_ << "\r\033[K";
  out_.flush();
}

}  // namespace qiaomen::cli
