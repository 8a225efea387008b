#pragma once
// The two catalogues' entry lists, read once by county_messages.cc.

#include <span>

#include "cli/county_messages.h"

namespace qiaomen::server {

std::span<const CountyMessageEntry> CountyZhMessages();
std::span<const CountyMessageEntry> CountyEnMessages();

}  // namespace qiaomen::server
