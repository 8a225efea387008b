// The field-day demo end to end, shortened: demo/run_demo.sh with QIAOMEN_DEMO_SHORT=1 starts a
// real county server, the link simulator and three field clients, and the figures the devices
// recorded must be what the county's own report says it received.
#include <arpa/inet.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::cli::testing {
namespace {

google::protobuf::Struct ReadJson(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  google::protobuf::Struct out;
  auto status = google::protobuf::util::JsonStringToMessage(text.str(), &out);
  EXPECT_TRUE(status.ok()) << path << ": " << status.ToString() << "\n" << text.str();
  return out;
}

double Num(const google::protobuf::Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  EXPECT_NE(it, s.fields().end()) << "no '" << key << "'";
  return it == s.fields().end() ? -1 : it->second.number_value();
}

// True when something accepts connections on 127.0.0.1:`port`.
bool Listening(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

TEST(DemoEndToEndTest, TheCountyReportShowsWhatTheDevicesRecorded) {
  qiaomen::testing::TempDir dir;
  const std::string out = dir.Join("figures");
  const std::string log = dir.Join("demo.log");
  const std::string command = "QIAOMEN_DEMO_SHORT=1 QIAOMEN_DEMO_OUT='" + out + "' '" +
                              QIAOMEN_SOURCE_DIR + "/demo/run_demo.sh' '" + QIAOMEN_BINARY_DIR +
                              "' >'" + log + "' 2>&1";
  int rc = std::system(command.c_str());
  std::ifstream log_in(log);
  std::stringstream log_text;
  log_text << log_in.rdbuf();
  ASSERT_EQ(rc, 0) << log_text.str();

  // It leaves no process running: the server and the link it started no longer listen.
  const std::string text = log_text.str();
  const std::string prefix = "http://127.0.0.1:";
  int ports = 0;
  for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
    int port = std::atoi(text.c_str() + at + prefix.size());
    ++ports;
    EXPECT_FALSE(Listening(port)) << "still listening on port " << port;
  }
  EXPECT_GE(ports, 2) << "the log names the server's and the link's addresses\n" << text;

  auto devices = ReadJson(out + "/devices.json");
  auto report = ReadJson(out + "/report.json");
  const double visits = Num(devices, "visits");
  ASSERT_GE(visits, 20) << "the short day records 24 visits";
  EXPECT_EQ(Num(report, "visits"), visits);
  EXPECT_EQ(Num(report, "evidence_verified"), visits) << "every signed visit verified";
  EXPECT_EQ(Num(report, "evidence_failed"), 0);
  EXPECT_EQ(Num(report, "evidence_pending"), 0);
  EXPECT_EQ(Num(report, "photos_pending"), 0) << "every photo arrived despite the cut";
  EXPECT_EQ(Num(report, "photos_referenced"), Num(devices, "photos_distinct"));
  EXPECT_EQ(Num(report, "quarantined_changes"), 0);
  EXPECT_GE(Num(report, "conflicts"), 1) << "two devices edited H00001's phone";
  EXPECT_GE(Num(devices, "cuts"), 1) << "the link broke mid-upload";

  // Hazards: the sum over categories and severities is what the devices derived, all open.
  double hazards = 0;
  for (const auto& [name, count] :
       report.fields().at("hazards_by_category_severity").struct_value().fields()) {
    hazards += count.number_value();
  }
  EXPECT_EQ(hazards, Num(devices, "hazards"));
  EXPECT_EQ(Num(report, "hazards_open"), Num(devices, "hazards"));

  // Coverage: checked visits summed over the towns are the devices' checked visits.
  double checked = 0;
  for (const auto& unit : report.fields().at("coverage").list_value().values()) {
    const auto& u = unit.struct_value().fields();
    if (u.at("level").string_value() != "town") continue;
    const auto& outcomes = u.at("outcomes").struct_value().fields();
    if (auto it = outcomes.find("checked"); it != outcomes.end())
      checked += it->second.number_value();
  }
  EXPECT_EQ(checked, Num(devices, "checked"));

  // The conflict log names the field both devices set, for a township to review.
  std::ifstream conflicts_in(out + "/conflicts.json");
  std::stringstream conflicts_text;
  conflicts_text << conflicts_in.rdbuf();
  google::protobuf::ListValue conflicts;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(conflicts_text.str(), &conflicts).ok())
      << conflicts_text.str();
  ASSERT_GE(conflicts.values_size(), 1);
  const auto& conflict = conflicts.values(0).struct_value().fields();
  EXPECT_EQ(conflict.at("field").string_value(), "phone");
  EXPECT_EQ(conflict.at("subject").string_value(), "H00001");
  EXPECT_EQ(conflict.at("entity").string_value(), "subject");
  const std::string loser = conflict.at("lost_worker").string_value();
  EXPECT_TRUE(loser == "gw-wang" || loser == "insp-zhao") << loser;
}

}  // namespace
}  // namespace qiaomen::cli::testing
