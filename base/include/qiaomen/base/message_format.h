#pragma once
// Fills a message pattern from a catalogue: "{0}" is the first argument, "{1}" the second, and so
// on, so a translation may put them in another order ("{0} of {1}" / "{1}的{0}"). Both command
// lines' catalogues (cli/, server/) print through it. Pure function: thread-safe.

#include <initializer_list>
#include <string>
#include <string_view>

namespace qiaomen::base {

// `pattern` with each "{N}" (N a single digit) replaced by args[N]. A "{N}" past the end of
// `args`, and any other brace, is copied as it is (a catalogue test checks the counts).
std::string FormatMessage(std::string_view pattern, std::initializer_list<std::string_view> args);

// The highest N of the "{N}" in `pattern`, plus one (0 when it has none).
int MessageArgCount(std::string_view pattern);

}  // namespace qiaomen::base
