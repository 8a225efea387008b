// backup, backup verify, restore.
#include <optional>
#include <sstream>

#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/backup.h"

namespace qiaomen::server {
namespace {

// Says a backup's events (qiaomen/server/backup.h) from the catalogue. The restored backup's time
// is said once the restored county's zone is known (Restore), so kRestored is kept, not printed.
class BackupSayer {
 public:
  BackupSayer(std::ostream& out, core::domain::Language language)
      : out_(out), language_(language) {}

  BackupReporter reporter() {
    return [this](const BackupEvent& e) { Say(e); };
  }
  // The kRestored event, when there was one (its manifest copied).
  const std::optional<BackupEvent>& restored() const { return restored_; }
  const v1::BackupManifest& restored_manifest() const { return restored_manifest_; }

 private:
  std::string N(int64_t n) const { return std::to_string(n); }
  void Line(CountyMsg id, std::initializer_list<std::string_view> args) {
    out_ << CountySay(language_, id, args) << std::endl;
  }

  void Say(const BackupEvent& e) {
    using Kind = BackupEvent::Kind;
    using Problem = BackupEvent::Problem;
    const v1::BackupManifest* m = e.manifest;
    switch (e.kind) {
      case Kind::kPhotosCopiedSoFar:
        return Line(CountyMsg::kBackupProgressCopied, {N(e.done), N(e.total)});
      case Kind::kPartsCheckedSoFar:
        return Line(CountyMsg::kBackupProgressChecked, {N(e.done), N(e.total)});
      case Kind::kPhotosRestoredSoFar:
        return Line(CountyMsg::kBackupProgressRestored, {N(e.done), N(e.total)});
      case Kind::kSnapshot:
        return Line(CountyMsg::kBackupSnapshot,
                    {m->database().path(), m->backend(), N(m->database().size()), N(m->records()),
                     N(m->changes()), N(m->devices_size())});
      case Kind::kPhotoDamaged:
        return Line(CountyMsg::kBackupPhotoDamaged, {e.path});
      case Kind::kPhotosCopied:
        return Line(CountyMsg::kBackupPhotosCopied, {N(e.done), N(e.total - e.done)});
      case Kind::kNotNoted:
        return Line(CountyMsg::kBackupNotNoted, {e.detail});
      case Kind::kComplete:
        return Line(CountyMsg::kBackupComplete, {e.path});
      case Kind::kPartDamaged:
        switch (e.problem) {
          case Problem::kNotAPartName:
            return Line(CountyMsg::kBackupPartNotAName, {e.path});
          case Problem::kMissing:
            return Line(CountyMsg::kBackupPartMissing, {e.path});
          case Problem::kUnreadable:
            return Line(CountyMsg::kBackupPartUnreadable, {e.path, e.detail});
          case Problem::kWrongSize:
            return Line(CountyMsg::kBackupPartWrongSize, {e.path, N(e.done), N(e.total)});
          case Problem::kAltered:
          case Problem::kNone:
            return Line(CountyMsg::kBackupPartAltered, {e.path});
        }
        return;
      case Kind::kWhole:
        return Line(CountyMsg::kBackupWhole, {e.path, N(e.total), m->backend(), N(m->records()),
                                              N(m->changes()), N(m->blobs_size())});
      case Kind::kRestored:
        restored_ = e;
        restored_manifest_ = *m;
        restored_->manifest = nullptr;
        return;
      case Kind::kBundleKeyMissing:
        return Line(CountyMsg::kBackupBundleKeyMissing, {e.path});
    }
  }

  std::ostream& out_;
  core::domain::Language language_;
  std::optional<BackupEvent> restored_;
  v1::BackupManifest restored_manifest_;
};

core::Status Backup(const core::Args& args, std::ostream& out) {
  BackupSayer sayer(out, LanguageOf(args));
  const auto& positionals = args.positionals();
  if (positionals.size() == 2 && positionals[0] == "verify") {
    return VerifyBackup(positionals[1], sayer.reporter()).status();
  }
  if (!positionals.empty()) {
    return core::InvalidArgument(
        "Use `qiaomen-county backup --data DIR --to PATH` or `qiaomen-county backup verify "
        "PATH`.");
  }
  StorageOptions storage;
  QM_ASSIGN_OR_RETURN(storage.data_dir, args.Require("data"));
  storage.db_url = args.Get("db").value_or("");
  QM_ASSIGN_OR_RETURN(auto to, args.Require("to"));
  return TakeBackup(storage, to, core::SystemClock(), sayer.reporter()).status();
}

core::Status Restore(const core::Args& args, std::ostream& out) {
  if (!args.positionals().empty()) {
    return core::InvalidArgument("restore takes no arguments besides its options.");
  }
  RestoreOptions options;
  QM_ASSIGN_OR_RETURN(options.from, args.Require("from"));
  QM_ASSIGN_OR_RETURN(options.data_dir, args.Require("data"));
  options.db_url = args.Get("db").value_or("");
  options.force = args.Has("force");
  const core::domain::Language language = LanguageOf(args);
  BackupSayer sayer(out, language);
  std::ostringstream after;  // said after the restored line
  BackupSayer later(after, language);
  QM_RETURN_IF_ERROR(RestoreBackup(options, [&](const BackupEvent& e) {
    (e.kind == BackupEvent::Kind::kBundleKeyMissing ? later : sayer).reporter()(e);
  }));
  if (const auto& restored = sayer.restored()) {
    const v1::BackupManifest& m = sayer.restored_manifest();
    // The backup's time in the restored county's zone (the zone it was taken in).
    base::TimeZone zone = base::TimeZone::Default();
    if (auto storage = OpenStorageFromArgs(args, 1); storage.ok()) zone = (*storage)->time_zone();
    out << CountySay(language, CountyMsg::kBackupRestored,
                     {m.county_name(), base::CountyDateTime(m.created_ms(), zone), restored->path,
                      std::to_string(m.records()), std::to_string(m.changes()),
                      std::to_string(m.blobs_size()), restored->detail})
        << std::endl;
  }
  out << after.str();
  return core::Status::Ok();
}

// `backup verify PATH` reads only the backup; taking one needs --data and --to.
core::Status CheckBackup(const core::Args& args) {
  const auto& positionals = args.positionals();
  if (!positionals.empty() && positionals[0] == "verify") {
    if (positionals.size() != 2) return core::InvalidArgument("Use `backup verify PATH`.");
    return core::Status::Ok();
  }
  core::ArgSpec required;
  required.required = {"data", "to"};
  return args.CheckRequired(required);
}

}  // namespace

void AddBackupCommands(std::vector<Command>& commands) {
  commands.push_back(Command{"backup",
                             CountyMsg::kSummaryBackup,
                             CountyMsg::kUsageBackup,
                             {{"data", "db", "to"}, {}},
                             Backup,
                             CheckBackup,
                             /*requires_data=*/false});
  commands.push_back(Command{"restore",
                             CountyMsg::kSummaryRestore,
                             CountyMsg::kUsageRestore,
                             {{"data", "db", "from"}, {"force"}, {"from"}},
                             Restore});
}

}  // namespace qiaomen::server
