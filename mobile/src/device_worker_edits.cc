#include <QString>

#include "device_worker.h"
#include "qiaomen/core/uuid.h"
#include "qt_text.h"

// The edit side of the device worker: a household's phone, members and tags, written with the
// store's field-level UpdateSubject (as `qiaomen subject update` does). Runs on the worker's
// thread like the rest of DeviceWorker.

namespace qiaomen::mobile {
namespace {

// The sentence a person reads when the edit was not saved: what happened and what to do.
QString EditError(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kNotFound:
      return DeviceWorker::tr("本机上找不到这户人家（可能已被县里删除）。请同步后再看。");
    case core::Code::kInvalidArgument:
      return DeviceWorker::tr("填写的内容不能保存，请核对电话、人数和标签后重试。");
    default:
      return DeviceWorker::tr("没有保存成功，请再试一次；仍不行请重启应用。") +
             QStringLiteral("（") + Msg(s) + QStringLiteral("）");
  }
}

}  // namespace

void DeviceWorker::EditHousehold(const QString& subject_id, const HouseholdEdit& edit) {
  if (!RequireDevice()) return;
  core::store::Store& store = device_->profile().store();
  auto id = core::Uuid::Parse(subject_id.toStdString());
  if (!id.ok()) {
    emit householdEditFailed(EditError(id.status()));
    return;
  }
  auto subject = store.GetSubject(*id);
  if (!subject.ok()) {
    emit householdEditFailed(EditError(subject.status()));
    return;
  }
  v1::Subject edited = *subject;
  edited.set_phone(edit.phone.toStdString());
  edited.set_members(edit.members);
  edited.clear_tags();
  for (const QString& tag : edit.tags) edited.add_tags(tag.toStdString());
  // Based on what the page showed: a field the county changed since then is a conflict the
  // merge resolves and logs, not an edit silently made over a value the worker never saw.
  const core::store::FieldStamps* seen = shown_subject_ == subject->id() ? &shown_stamps_ : nullptr;
  emit busyChanged(true);
  auto changed = store.UpdateSubject(edited, seen);
  emit busyChanged(false);
  if (!changed.ok()) {
    emit householdEditFailed(EditError(changed.status()));
    return;
  }
  emit householdSaved(changed->empty() ? tr("没有改动。") : tr("已保存，待上传。"));
}

}  // namespace qiaomen::mobile
