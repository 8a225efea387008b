// qiaomen-demo-county: writes a generated county as the CSV that `qiaomen-county import-subjects`
// reads: 2 towns, 3 villages each, 2 grids a village, households in every grid, small premises in
// each village and one emergency shelter per village. Deterministic for a given --seed, so the demo
// and its end-to-end test see the same county every time.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "qiaomen/core/args.h"
#include "qiaomen/core/random.h"

namespace {

constexpr const char* kUsage =
    R"(Usage: qiaomen-demo-county --out FILE.csv [--households-per-grid N] [--seed S]

Writes a generated county (2 towns, 6 villages, 12 grids; households, small premises and one
emergency shelter per village) as a subjects CSV for `qiaomen-county import-subjects`.
)";

const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄",
                                            "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
const std::vector<std::string> kGiven = {"秀英", "桂兰", "建国", "国强", "玉兰", "志强", "明",
                                         "芳",   "海燕", "德福", "春梅", "永红", "军",   "丽",
                                         "文华", "淑珍", "金山", "凤英", "长顺", "福贵"};
const std::vector<std::string> kTowns = {"青石镇", "白河镇"};
const std::vector<std::string> kVillages = {"东岭村", "南沟村", "西坪村",
                                            "北山村", "河湾村", "柳树社区"};
const std::vector<std::pair<std::string, std::string>> kPremises = {
    {"shop", "便民超市"},       {"restaurant", "农家饭店"}, {"hotel", "家庭旅馆"},
    {"internet_cafe", "网吧"},  {"clinic", "村卫生室"},     {"workshop", "木器加工坊"},
    {"entertainment", "棋牌室"}};

std::string Pick(qiaomen::core::Random& r, const std::vector<std::string>& v) {
  return v[r.Uniform(v.size())];
}

std::string Phone(qiaomen::core::Random& r) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "13%09llu",
                static_cast<unsigned long long>(r.Uniform(1000000000)));
  return buf;
}

// Risk tags as the county records them; a household has a few, chosen with field-like frequencies.
std::string Tags(qiaomen::core::Random& r) {
  std::string tags;
  auto add = [&tags](const char* t) {
    if (!tags.empty()) tags += ';';
    tags += t;
  };
  if (r.Uniform(100) < 15) add("elderly_alone");
  if (r.Uniform(100) < 55) add("coal_heating");
  if (r.Uniform(100) < 40) add("bottled_gas");
  if (r.Uniform(100) < 35) add("ebike");
  return tags;
}

}  // namespace

int main(int argc, char** argv) {
  using qiaomen::core::Args;
  auto args = Args::Parse(std::vector<std::string>(argv + 1, argv + argc),
                          {{"out", "households-per-grid", "seed"}, {"help"}});
  if (!args.ok()) {
    std::cerr << "qiaomen-demo-county: " << args.status().message() << "\n" << kUsage;
    return 2;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return 0;
  }
  auto out_path = args->Require("out");
  if (!out_path.ok()) {
    std::cerr << "qiaomen-demo-county: " << out_path.status().message() << "\n";
    return 2;
  }
  const int per_grid = std::stoi(args->Get("households-per-grid").value_or("45"));
  qiaomen::core::SeededRandom random(std::stoull(args->Get("seed").value_or("2025")));

  std::ofstream out(*out_path, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "qiaomen-demo-county: cannot write " << *out_path << ".\n";
    return 1;
  }
  out << "external_id,kind,town,village,grid,name,address,phone,members,tags\n";
  int households = 0, premises = 0, shelters = 0;
  for (size_t t = 0; t < kTowns.size(); ++t) {
    for (size_t v = 0; v < 3; ++v) {
      const std::string& village = kVillages[t * 3 + v];
      const std::string town_code = "T0" + std::to_string(t + 1);
      const std::string village_code = town_code + "-V0" + std::to_string(v + 1);
      // Units as ID:Name, so the county's reports show names.
      const std::string town_col = town_code + ":" + kTowns[t];
      const std::string village_col = village_code + ":" + village;
      auto grid_col = [&](int g) {
        return village_code + "-G0" + std::to_string(g) + ":" + village + std::to_string(g) +
               "组网格";
      };
      for (int g = 1; g <= 2; ++g) {
        const std::string grid_code = grid_col(g);
        for (int h = 1; h <= per_grid; ++h) {
          ++households;
          char id[32];
          std::snprintf(id, sizeof id, "H%05d", households);
          out << id << ",household," << town_col << "," << village_col << "," << grid_code << ","
              << Pick(random, kSurnames) << Pick(random, kGiven) << "," << kTowns[t] << village << g
              << "组" << h << "号," << Phone(random) << "," << 1 + random.Uniform(6) << ","
              << Tags(random) << "\n";
        }
        // Two small premises in every grid.
        for (int p = 0; p < 2; ++p) {
          ++premises;
          const auto& kind = kPremises[random.Uniform(kPremises.size())];
          char id[32];
          std::snprintf(id, sizeof id, "P%04d", premises);
          out << id << ",premises," << town_col << "," << village_col << "," << grid_code << ","
              << village << kind.second << "," << kTowns[t] << village << "街" << premises << "号,"
              << Phone(random) << ",0," << kind.first << "\n";
        }
      }
      ++shelters;
      char id[32];
      std::snprintf(id, sizeof id, "F%03d", shelters);
      out << id << ",facility," << town_col << "," << village_col << "," << grid_col(1) << ","
          << village << "应急避难场所," << kTowns[t] << village << "村委会院内," << Phone(random)
          << ",0,shelter\n";
    }
  }
  if (!out.flush()) {
    std::cerr << "qiaomen-demo-county: writing " << *out_path << " failed (is the disk full?).\n";
    return 1;
  }
  // The demo speaks Chinese, as the programs do by default.
  std::cout << "已写入 " << *out_path << "：2 个镇、6 个村、12 个网格，住户 " << households
            << " 户、场所 " << premises << " 处、避难场所 " << shelters << " 处。\n";
  return 0;
}
