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

if(QIAOMEN_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(QIAOMEN_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
