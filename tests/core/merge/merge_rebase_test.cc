// RebaseStamp: a device whose change the county server re-based (its clock was days fast) ends in
// the state the server computed from the re-based change.

#include <gtest/gtest.h>

#include "qiaomen/core/merge/merge.h"
#include "tests/core/merge/change_builder.h"

namespace qiaomen::core::merge {
namespace {

using testing::Delete;
using testing::Dev;
using testing::Fields;
using testing::Replay;
using testing::Set;
using testing::Text;

constexpr v1::Entity S = v1::ENTITY_SUBJECT;
constexpr HlcStamp kFuture = 900;     // the fast phone's stamp
constexpr HlcStamp kRebased = 100;    // what the server applied instead
constexpr HlcStamp kOtherEdit = 200;  // someone else, after the server's stamp

v1::Change WithStamp(v1::Change change, HlcStamp hlc) {
  change.set_hlc(hlc);
  return change;
}

TEST(MergeRebaseTest, TheRebasedDeviceEndsWhereTheServerIs) {
  // Device 1 (fast) writes phone and name; device 2 edits the phone after the server's stamp.
  const v1::Change first = Fields(S, 1, 1, kFuture, {{"phone", Text("138")}, {"name", Text("A")}});
  const v1::Change other = Fields(S, 1, 2, kOtherEdit, {{"phone", Text("139"), kRebased}});

  auto device = Replay({first, other});
  ASSERT_TRUE(device.ok());
  EXPECT_EQ(device->state->fields.at("phone").value.text(), "138")
      << "before the re-base the future stamp wins";

  auto server = Replay({WithStamp(first, kRebased), other});
  ASSERT_TRUE(server.ok());
  ASSERT_EQ(server->state->fields.at("phone").value.text(), "139");

  ASSERT_TRUE(RebaseStamp(*device->state, Dev(1), kFuture, kRebased));
  EXPECT_EQ(CanonicalDump({*device->state}), CanonicalDump({*server->state}));
  EXPECT_EQ(device->state->fields.at("phone").value.text(), "139");

  EXPECT_FALSE(RebaseStamp(*device->state, Dev(1), kFuture, kRebased)) << "idempotent";
  EXPECT_FALSE(RebaseStamp(*device->state, Dev(2), kRebased, 1))
      << "another device's stamp: untouched";
  EXPECT_EQ(CanonicalDump({*device->state}), CanonicalDump({*server->state}));
}

TEST(MergeRebaseTest, TombstonesAndBaseStampsFollow) {
  // The fast device's write saw a value at 500 (its own clock's past); re-based to 100 the base is
  // clamped below the new stamp, as the server's ApplyChange clamps it.
  const v1::Change edit = Fields(S, 1, 1, kFuture, {{"phone", Text("138"), 500}});
  const v1::Change gone = Delete(S, 1, 1, kFuture + 1);
  auto device = Replay({edit, gone});
  ASSERT_TRUE(device.ok());
  ASSERT_TRUE(device->state->deleted);
  ASSERT_TRUE(RebaseStamp(*device->state, Dev(1), kFuture, kRebased));
  ASSERT_TRUE(RebaseStamp(*device->state, Dev(1), kFuture + 1, kRebased + 1));
  auto server = Replay({WithStamp(edit, kRebased), WithStamp(gone, kRebased + 1)});
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(CanonicalDump({*device->state}), CanonicalDump({*server->state}));
  EXPECT_EQ(device->state->history.at("phone")[0].base_hlc, kRebased - 1);
  EXPECT_TRUE(device->state->deleted);
  EXPECT_EQ(device->state->deleted_hlc, kRebased + 1);
}

// WithdrawStamp: a device whose change the county refused ends where the county (which never had
// it) is, whatever order the writes met in.
TEST(MergeWithdrawTest, TheRefusedWriteLeavesTheRecordAsIfNeverMade) {
  const v1::Change create = Fields(S, 1, 2, 100, {{"name", Text("A")}, {"phone", Text("137")}});
  const v1::Change refused =
      Fields(S, 1, 1, 300, {{"phone", Text("138"), 100}, {"note", Text("moved?")}});
  const v1::Change other = Fields(S, 1, 3, 200, {{"phone", Text("139"), 100}});
  auto device = Replay({create, refused, other});
  ASSERT_TRUE(device.ok());
  ASSERT_EQ(device->state->fields.at("phone").value.text(), "138");
  auto county = Replay({create, other});
  ASSERT_TRUE(county.ok());

  ASSERT_TRUE(WithdrawStamp(*device->state, Dev(1), 300));
  EXPECT_EQ(CanonicalDump({*device->state}), CanonicalDump({*county->state}));
  EXPECT_EQ(device->state->fields.at("phone").value.text(), "139");
  EXPECT_EQ(device->state->fields.count("note"), 0u) << "a field only it wrote is gone";
  EXPECT_FALSE(WithdrawStamp(*device->state, Dev(1), 300)) << "idempotent";
  EXPECT_FALSE(WithdrawStamp(*device->state, Dev(3), 300)) << "another device's stamp";
}

TEST(MergeWithdrawTest, ARefusedDeleteNoLongerDeletes) {
  const v1::Change create = Fields(S, 1, 2, 100, {{"name", Text("A")}});
  auto device = Replay({create, Delete(S, 1, 1, 200)});
  ASSERT_TRUE(device.ok());
  ASSERT_TRUE(device->state->deleted);
  ASSERT_TRUE(WithdrawStamp(*device->state, Dev(1), 200));
  EXPECT_FALSE(device->state->deleted);
  EXPECT_FALSE(device->state->flagged);
  EXPECT_EQ(device->state->deleted_hlc, 0u);

  auto made = Replay({Fields(S, 1, 1, 300, {{"name", Text("B")}})});
  ASSERT_TRUE(made.ok());
  ASSERT_TRUE(WithdrawStamp(*made->state, Dev(1), 300));
  EXPECT_TRUE(made->state->history.empty()) << "a record its refused creation alone made";
  EXPECT_TRUE(made->state->fields.empty());
}

}  // namespace
}  // namespace qiaomen::core::merge
