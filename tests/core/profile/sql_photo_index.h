#pragma once
// A minimal PhotoIndex on the profile's SQLCipher database for tests that run below the Store: a
// photo table and a journal table written in one transaction, like the Store does.

#include "qiaomen/core/evidence/photo_index.h"
#include "qiaomen/core/sql/database.h"

namespace qiaomen::core::profile::test_support {

class SqlPhotoIndex final : public evidence::PhotoIndex {
 public:
  explicit SqlPhotoIndex(sql::Database& db) : db_(db) {}

  Status CreateTables() {
    return db_.Exec(
        "CREATE TABLE IF NOT EXISTS test_photo(id BLOB PRIMARY KEY, sha256 BLOB NOT NULL, "
        "size INTEGER NOT NULL, meta BLOB NOT NULL);"
        "CREATE TABLE IF NOT EXISTS test_journal(seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "entity TEXT NOT NULL, record_id BLOB NOT NULL, payload BLOB NOT NULL);");
  }

  Status RecordPhoto(const v1::Photo& meta) override {
    QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
    const std::string payload = meta.SerializeAsString();
    {
      QM_ASSIGN_OR_RETURN(sql::Statement insert,
                          db_.Prepare("INSERT INTO test_photo(id, sha256, size, meta) "
                                      "VALUES(?, ?, ?, ?);"));
      insert.BindBlob(1, Bytes(meta.id())).BindBlob(2, Bytes(meta.sha256()));
      insert.Bind(3, static_cast<int64_t>(meta.size())).BindBlob(4, Bytes(payload));
      QM_RETURN_IF_ERROR(insert.Run());
    }
    {
      QM_ASSIGN_OR_RETURN(sql::Statement journal,
                          db_.Prepare("INSERT INTO test_journal(entity, record_id, payload) "
                                      "VALUES('photo', ?, ?);"));
      journal.BindBlob(1, Bytes(meta.id())).BindBlob(2, Bytes(payload));
      QM_RETURN_IF_ERROR(journal.Run());
    }
    return txn.Commit();
  }

  Result<bool> HasPhoto(const Uuid& id) override {
    QM_ASSIGN_OR_RETURN(sql::Statement query,
                        db_.Prepare("SELECT 1 FROM test_photo WHERE id = ?;"));
    query.BindBlob(1, id.bytes());
    return query.Step();
  }

 private:
  static std::span<const uint8_t> Bytes(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
  }
  sql::Database& db_;
};

}  // namespace qiaomen::core::profile::test_support
