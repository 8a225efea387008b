#include "qiaomen/core/exit_code.h"

namespace qiaomen::core {

ExitCode ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case Code::kOk:
      return ExitCode::kOk;
    case Code::kInvalidArgument:
    case Code::kNotFound:
    case Code::kAlreadyExists:
    case Code::kFailedPrecondition:
    case Code::kAborted:
    case Code::kCancelled:
      return ExitCode::kInvalidInput;
    case Code::kUnauthenticated:
    case Code::kDataLoss:
      return ExitCode::kWrongPin;
    case Code::kUnavailable:
    case Code::kDeadlineExceeded:
      return ExitCode::kNetwork;
    case Code::kPermissionDenied:
      return ExitCode::kRefusedByServer;
    case Code::kIOError:
    case Code::kCorruption:
    case Code::kResourceExhausted:
    case Code::kInternal:
      return ExitCode::kLocalFailure;
  }
  return ExitCode::kLocalFailure;
}

Status ServerRefusal(const Status& status) {
  if (status.code() != Code::kUnauthenticated) return status;
  return PermissionDenied(status.message());
}

std::string ExitCodeHelp(domain::Language language) {
  // One row per ExitCode, in order: {code, zh, en}.
  static constexpr domain::Label kRows[] = {
      {"0", "完成", "done"},
      {"1", "输入无效：文件、数值或记录被拒绝；什么都没有改变",
       "invalid input: a file, value or record was refused; nothing was changed"},
      {"2", "用法错误：未知的命令或选项、缺少选项，或选项的值格式不对",
       "usage: unknown command or option, a missing option, or an option's malformed value"},
      {"3", "PIN 不对，或输错太多次后密钥已销毁",
       "wrong PIN, or the keys were destroyed after too many wrong PINs"},
      {"4", "连不上县服务器；什么都没丢，稍后再试",
       "the county server could not be reached; nothing was lost, try again later"},
      {"5", "县服务器拒绝：注册码已用过或过期、设备已吊销、超出范围",
       "refused by the county server: enrolment code used or expired, device revoked, out of "
       "scope"},
      {"6", "本机故障：磁盘、数据库或程序本身出错",
       "local failure: the disk, the database or the program itself failed"},
  };
  const bool zh = language == domain::Language::kZh;
  std::string text = zh ? "退出码（qiaomen 和 qiaomen-county 相同）：\n"
                        : "Exit codes (the same for qiaomen and qiaomen-county):\n";
  for (const auto& row : kRows) {
    text += "  " + std::string(row.code) + "  " + std::string(row.In(language)) + "\n";
  }
  text +=
      zh ? "加 --json（qiaomen）或 --format json（qiaomen-county）时，错误也以\n"
           "{\"error\": {\"code\", \"exit_code\", \"message\"}} 印在标准输出上。\n"
         : "With --json (qiaomen) or --format json (qiaomen-county) an error is also printed on\n"
           "standard output as {\"error\": {\"code\", \"exit_code\", \"message\"}}.\n";
  return text;
}

}  // namespace qiaomen::core
