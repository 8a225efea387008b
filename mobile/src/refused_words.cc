#include "refused_words.h"

#include <QCoreApplication>

namespace qiaomen::mobile {
namespace {

class RefusedWordsText {
  Q_DECLARE_TR_FUNCTIONS(RefusedWordsText)

 public:
  RefusedWordsText() = delete;
};

}  // namespace

RefusedWords WordsForRefusal(const QString& code) {
  if (code == QLatin1String("permission_denied")) {
    return {RefusedWordsText::tr("这户不在你现在的工作范围内（网格或角色已调整）。"),
            RefusedWordsText::tr(
                "请联系乡镇工作人员核对你的网格和角色。记录仍保存在本机，县里核对后可重新提交。")};
  }
  if (code == QLatin1String("invalid_argument")) {
    return {RefusedWordsText::tr("记录内容不符合县里的检查表或规则。"),
            RefusedWordsText::tr("请联系乡镇工作人员查看原因；需要时重新走访这一户，重新记录。")};
  }
  if (code == QLatin1String("failed_precondition") || code == QLatin1String("already_exists")) {
    return {RefusedWordsText::tr("与县里已有的记录不一致（例如隐患已被销号）。"),
            RefusedWordsText::tr("请同步后查看这一户的最新情况，需要时重新记录。")};
  }
  if (code == QLatin1String("not_found")) {
    return {RefusedWordsText::tr("县里找不到这条记录所属的户或任务。"),
            RefusedWordsText::tr("请联系乡镇工作人员核对这一户是否已被合并或删除。")};
  }
  return {RefusedWordsText::tr("县服务器没有接收这条记录。"),
          RefusedWordsText::tr("请联系乡镇工作人员，并把下面的原因告诉他们。")};
}

}  // namespace qiaomen::mobile
