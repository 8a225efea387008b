# Every dependency is a Debian 12 package that `./run setup` installs; nothing is downloaded here.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# SQLCipher 4 (bookworm-backports). Bookworm's own libsqlcipher-dev is 3.4 on SQLite 3.15: refuse it.
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher)
include(QiaomenCheckSqlcipher)
qiaomen_check_sqlcipher(PkgConfig::SQLCIPHER)

# libsodium: Argon2id, secretstream, Ed25519, random bytes.
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)

# Protobuf: the wire and document formats (FindProtobuf provides protobuf_generate).
find_package(Protobuf REQUIRED)
if(NOT Protobuf_PROTOC_EXECUTABLE)
  message(FATAL_ERROR "protoc was not found. Install it with: apt-get install protobuf-compiler "
                      "(or run ./run setup).")
endif()

# libcurl with OpenSSL: the sync transport.
find_package(CURL 7.88 REQUIRED)

find_package(ZLIB REQUIRED)

# Howard Hinnant's date/tz (libhowardhinnant-date-dev): IANA time zones for the county's day. Debian
# builds libdate-tz with USE_OS_TZDB, so it reads the system's /usr/share/zoneinfo (tzdata).
find_package(date CONFIG QUIET)
if(NOT TARGET date::date-tz)
  message(FATAL_ERROR "Howard Hinnant's date/tz was not found. Install it with: "
                      "apt-get install libhowardhinnant-date-dev tzdata (or run ./run setup).")
endif()

# The county server's HTTP stack and PostgreSQL client. Found here, at the top, rather than in
# server/ so the test fixtures (tests/testing) see the same imported targets without making them
# GLOBAL.
find_package(Boost 1.74 REQUIRED)
# These change Beast's and Asio's types (std::string_view in basic_fields), so every translation
# unit that includes Beast must see the same ones: mixing them is an ODR violation that crashed
# the test HTTP client. Hence on the imported target, not on one library.
set_property(TARGET Boost::headers APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS
  BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)
find_package(OpenSSL REQUIRED)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)

# The enrolment QR code of `qiaomen-county enroll-code --qr`: libqrencode draws it, libpng writes
# it as a PNG (the server has no Qt).
pkg_check_modules(QRENCODE QUIET IMPORTED_TARGET libqrencode)
if(NOT QRENCODE_FOUND)
  message(FATAL_ERROR "libqrencode was not found (enroll-code --qr draws QR codes with it). "
                      "Install it with: apt-get install libqrencode-dev (or run ./run setup).")
endif()
find_package(PNG QUIET)
if(NOT TARGET PNG::PNG)
  message(FATAL_ERROR "libpng was not found (enroll-code --qr writes its PNG with it). "
                      "Install it with: apt-get install libpng-dev (or run ./run setup).")
endif()

# The web console's HTML templates (libkainjow-mustache-dev: one header, logic-less mustache, HTML
# escaping by default).
find_path(QIAOMEN_MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp)
if(NOT QIAOMEN_MUSTACHE_INCLUDE_DIR)
  message(FATAL_ERROR "kainjow/mustache.hpp was not found (the console's templates need it). "
                      "Install it with: apt-get install libkainjow-mustache-dev (or run ./run setup).")
endif()

# Checklists as spreadsheets and reports as Excel (issue 23): libxlsxwriter writes .xlsx;
# minizip (zlib's contrib) opens the .xlsx zip and expat parses its sheets' XML when a checklist
# workbook is read.
pkg_check_modules(XLSXWRITER QUIET IMPORTED_TARGET xlsxwriter)
if(NOT XLSXWRITER_FOUND)
  message(FATAL_ERROR "libxlsxwriter was not found (export-template --xlsx and report --format "
                      "xlsx write workbooks with it). Install it with: apt-get install "
                      "libxlsxwriter-dev (or run ./run setup).")
endif()
pkg_check_modules(MINIZIP QUIET IMPORTED_TARGET minizip)
if(NOT MINIZIP_FOUND)
  message(FATAL_ERROR "minizip was not found (publish-template reads .xlsx workbooks, which are "
                      "zip files, with it). Install it with: apt-get install libminizip-dev (or run "
                      "./run setup).")
endif()
pkg_check_modules(EXPAT QUIET IMPORTED_TARGET expat)
if(NOT EXPAT_FOUND)
  message(FATAL_ERROR "expat was not found (publish-template parses the XML inside .xlsx "
                      "workbooks with it). Install it with: apt-get install libexpat1-dev (or run "
                      "./run setup).")
endif()

if(QIAOMEN_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(QIAOMEN_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
