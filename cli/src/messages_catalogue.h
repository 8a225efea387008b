#pragma once
// The two catalogues' entry lists (messages_zh.cc, messages_en.cc), read once by messages.cc.

#include <span>

#include "qiaomen/cli/messages.h"

namespace qiaomen::cli {

std::span<const MessageEntry> ZhMessages();
std::span<const MessageEntry> EnMessages();

}  // namespace qiaomen::cli
