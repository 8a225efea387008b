# Refuses, at configure time, a SQLCipher older than 4.5 or headers that are plain SQLite's.
# Both mistakes are easy on Debian 12: bookworm ships SQLCipher 3.4 (on SQLite 3.15) and the real
# SQLCipher 4.6 lives in bookworm-backports.
function(qiaomen_check_sqlcipher target)
  set(fix "Install SQLCipher 4.6 from bookworm-backports: add the bookworm-backports suite to the apt \
sources and run `apt-get install -t bookworm-backports libsqlcipher-dev`, or simply run `./run setup`.")

  set(probe_dir "${CMAKE_BINARY_DIR}/sqlcipher-probe")
  file(WRITE "${probe_dir}/probe.c" [=[
#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>
#include <stdio.h>
static int row(void* out, int n, char** values, char** names) {
  (void)n; (void)names;
  snprintf((char*)out, 64, "%s", values[0] ? values[0] : "");
  return 0;
}
int main(void) {
  sqlite3* db = 0;
  char version[64] = "";
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 2;
  /* sqlite3_key only exists in SQLCipher: plain SQLite headers or library fail to build here. */
  if (sqlite3_key(db, "probe", 5) != SQLITE_OK) return 3;
  sqlite3_exec(db, "PRAGMA cipher_version;", row, version, 0);
  sqlite3_close(db);
  printf("%s", version);
  return version[0] ? 0 : 4;
}
]=])
  get_target_property(inc ${target} INTERFACE_INCLUDE_DIRECTORIES)
  get_target_property(libs ${target} INTERFACE_LINK_LIBRARIES)
  get_target_property(ldirs ${target} INTERFACE_LINK_DIRECTORIES)
  try_run(run_result compile_result
    "${probe_dir}/build" "${probe_dir}/probe.c"
    CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${inc}" "-DLINK_DIRECTORIES=${ldirs}"
    LINK_LIBRARIES ${libs}
    COMPILE_OUTPUT_VARIABLE compile_output
    RUN_OUTPUT_VARIABLE cipher_version)
  if(NOT compile_result)
    message(FATAL_ERROR "The sqlite3.h and library found through pkg-config (${inc}) are plain SQLite, "
                        "not SQLCipher: sqlite3_key is missing. ${fix}\n${compile_output}")
  endif()
  if(NOT run_result EQUAL 0 OR cipher_version STREQUAL "")
    message(FATAL_ERROR "The SQLCipher library found does not report a cipher version "
                        "(probe exit ${run_result}). ${fix}")
  endif()
  string(REGEX MATCH "^[0-9]+\\.[0-9]+" cipher_major_minor "${cipher_version}")
  if(cipher_major_minor VERSION_LESS 4.5)
    message(FATAL_ERROR "SQLCipher ${cipher_version} is too old: Qiaomen needs 4.5 or later. ${fix}")
  endif()
  message(STATUS "SQLCipher ${cipher_version}")
  set_property(TARGET ${target} APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS SQLITE_HAS_CODEC=1)
endfunction()
