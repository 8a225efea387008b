#include "hazard_steps.h"

#include "qiaomen/v1/records.pb.h"

namespace qiaomen::mobile {

bool HazardSteps::MayReinspect(const QString& role) {
  return role == QLatin1String("inspector") || role == QLatin1String("township") ||
         role == QLatin1String("county");
}

QString HazardSteps::ReinspectNotAllowed() {
  return tr("复查须由安全检查员或乡镇、县里的工作人员进行。整改后请告诉他们来复查。");
}

QString HazardSteps::Refusal(const core::Status& error, const QString& status_code, int kind) {
  switch (error.code()) {
    case core::Code::kFailedPrecondition:
      break;
    case core::Code::kNotFound:
      return tr("找不到这张照片或这处隐患，请重新选择照片；仍不行请同步后再试。");
    case core::Code::kInvalidArgument:
      return tr("这个文件不是能用的照片，请换一张或直接拍照。");
    default:
      return tr("没有保存成功，请再试一次。") + QStringLiteral("（") +
             QString::fromStdString(error.message()) + QStringLiteral("）");
  }
  if (status_code == QLatin1String("closed")) {
    return tr("这处隐患已经销号，不能再记录。如果问题又出现了，请在入户检查中重新登记。");
  }
  if (kind == v1::RECTIFIED) {
    if (status_code == QLatin1String("found")) {
      return tr("这处隐患还没有下达限期整改，不能记录整改。请先下达整改通知。");
    }
    if (status_code == QLatin1String("rectified")) {
      return tr("这处隐患已经记录过整改，正在等待复查，不用再记录。");
    }
    return tr("这处隐患已复查通过，等待销号，不用再记录整改。");
  }
  if (kind == v1::REINSPECTED) {
    if (status_code == QLatin1String("reinspected")) {
      return tr("这处隐患已复查通过，等待销号，不能再复查。");
    }
    return tr("还没有记录整改，不能复查。请先记录整改并拍整改后的照片。");
  }
  return tr("这一步现在不能记录。请刷新后查看隐患的当前状态。");
}

}  // namespace qiaomen::mobile
