#pragma once
// What the worker reads about a change the county refused: why, in the UI language, and what to
// do, from the refusal's code (the county's reason is an English sentence for staff, shown
// beside it). Pure; any thread (tr() reads the installed translator).

#include <QString>

namespace qiaomen::mobile {

struct RefusedWords {
  QString why;
  QString todo;
};

// `code`: the county's refusal code ("invalid_argument", "permission_denied", ...).
RefusedWords WordsForRefusal(const QString& code);

}  // namespace qiaomen::mobile
