#pragma once
// A fresh directory for one test, removed with everything in it when the object dies.

#include <string>

namespace qiaomen::testing {

class TempDir {
 public:
  // Creates a unique directory under $TMPDIR (or /tmp). Aborts the test binary if it cannot.
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace qiaomen::testing
