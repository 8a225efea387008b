#pragma once
// Small conversions between the device API's std::string values and Qt's, for the worker.

#include <QString>
#include <string>

#include "qiaomen/core/status.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::mobile {

inline QString Q(const std::string& s) { return QString::fromStdString(s); }
inline QString Msg(const core::Status& s) { return Q(s.message()); }
// The UUID text of 16 id bytes ("" when they are not an id).
inline QString IdText(const std::string& bytes) {
  auto id = core::Uuid::FromBytes(bytes);
  return id.ok() ? Q(id->ToString()) : QString();
}

}  // namespace qiaomen::mobile
