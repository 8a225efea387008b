#include "qiaomen/core/forms/expression.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace qiaomen::core::forms {
namespace {

enum class Tok : uint8_t {
  kEnd,
  kNumber,
  kString,
  kIdent,
  kLParen,
  kRParen,
  kComma,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kStar,
  kSlash,
};

struct Token {
  Tok kind = Tok::kEnd;
  int column = 1;
  std::string text;  // identifier, or the unescaped string literal
  double number = 0;
};

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Status ErrorAt(int column, const std::string& what) {
  return InvalidArgument("column " + std::to_string(column) + ": " + what);
}

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  Status Next(Token* out) {
    while (pos_ < src_.size() &&
           (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\n' || src_[pos_] == '\r')) {
      ++pos_;
    }
    *out = Token{};
    out->column = static_cast<int>(pos_) + 1;
    if (pos_ >= src_.size()) return Status::Ok();
    const char c = src_[pos_];
    if (IsDigit(c)) return LexNumber(out);
    if (IsIdentStart(c)) {
      const size_t start = pos_;
      while (pos_ < src_.size() && (IsIdentStart(src_[pos_]) || IsDigit(src_[pos_]))) ++pos_;
      out->kind = Tok::kIdent;
      out->text.assign(src_.substr(start, pos_ - start));
      return Status::Ok();
    }
    if (c == '\'' || c == '"') return LexString(out);
    const char n = pos_ + 1 < src_.size() ? src_[pos_ + 1] : '\0';
    auto one = [&](Tok k) {
      out->kind = k;
      pos_ += 1;
      return Status::Ok();
    };
    auto two = [&](Tok k) {
      out->kind = k;
      pos_ += 2;
      return Status::Ok();
    };
    switch (c) {
      case '(':
        return one(Tok::kLParen);
      case ')':
        return one(Tok::kRParen);
      case ',':
        return one(Tok::kComma);
      case '+':
        return one(Tok::kPlus);
      case '-':
        return one(Tok::kMinus);
      case '*':
        return one(Tok::kStar);
      case '/':
        return one(Tok::kSlash);
      case '=':
        if (n == '=') return two(Tok::kEq);
        return ErrorAt(out->column, "'=' is not an operator; write '==' to compare.");
      case '!':
        if (n == '=') return two(Tok::kNe);
        return ErrorAt(out->column, "'!' is not an operator; write 'not' or '!='.");
      case '<':
        if (n == '=') return two(Tok::kLe);
        return one(Tok::kLt);
      case '>':
        if (n == '=') return two(Tok::kGe);
        return one(Tok::kGt);
      default:
        break;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      return ErrorAt(out->column,
                     "unexpected non-ASCII character; put Chinese text inside quotes, ids are "
                     "ASCII.");
    }
    return ErrorAt(out->column, std::string("unexpected character '") + c + "'.");
  }

 private:
  Status LexNumber(Token* out) {
    const size_t start = pos_;
    while (pos_ < src_.size() && IsDigit(src_[pos_])) ++pos_;
    if (pos_ < src_.size() && src_[pos_] == '.') {
      ++pos_;
      if (pos_ >= src_.size() || !IsDigit(src_[pos_])) {
        return ErrorAt(out->column, "a number needs digits after the '.'.");
      }
      while (pos_ < src_.size() && IsDigit(src_[pos_])) ++pos_;
    }
    if (pos_ < src_.size() && IsIdentStart(src_[pos_])) {
      return ErrorAt(static_cast<int>(pos_) + 1,
                     "a number runs into a name; add a space or an "
                     "operator between them.");
    }
    const std::string_view digits = src_.substr(start, pos_ - start);
    double value = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || !std::isfinite(value)) {
      return ErrorAt(out->column, "the number '" + std::string(digits) + "' is out of range.");
    }
    out->kind = Tok::kNumber;
    out->number = value;
    return Status::Ok();
  }

  Status LexString(Token* out) {
    const char quote = src_[pos_++];
    std::string text;
    while (true) {
      if (pos_ >= src_.size()) {
        return ErrorAt(out->column,
                       std::string("the text starting here has no closing ") + quote + "; add it.");
      }
      const char c = src_[pos_++];
      if (c == quote) break;
      if (c == '\\') {
        if (pos_ >= src_.size()) continue;  // reported as unterminated on the next turn
        const char e = src_[pos_++];
        if (e != '\\' && e != '\'' && e != '"') {
          return ErrorAt(static_cast<int>(pos_) - 1,
                         "only \\\\, \\' and \\\" are escapes inside text.");
        }
        text.push_back(e);
        continue;
      }
      text.push_back(c);
    }
    out->kind = Tok::kString;
    out->text = std::move(text);
    return Status::Ok();
  }

  std::string_view src_;
  size_t pos_ = 0;
};

class Parser {
 public:
  explicit Parser(std::string_view src) : lexer_(src) {}

  Result<Expression> Run(std::string source) {
    QM_RETURN_IF_ERROR(Advance());
    Expression e;
    e.source = std::move(source);
    if (tok_.kind == Tok::kEnd) return e;
    int root = -1;
    QM_RETURN_IF_ERROR(ParseOr(&root));
    if (tok_.kind != Tok::kEnd) {
      return ErrorAt(tok_.column, "unexpected " + Describe(tok_) +
                                      " after a complete expression; join conditions with "
                                      "'and' or 'or'.");
    }
    e.nodes = std::move(nodes_);
    e.root = root;
    return e;
  }

 private:
  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case Tok::kEnd:
        return "end of the expression";
      case Tok::kNumber:
        return "number";
      case Tok::kString:
        return "text '" + t.text + "'";
      case Tok::kIdent:
        return "'" + t.text + "'";
      case Tok::kLParen:
        return "'('";
      case Tok::kRParen:
        return "')'";
      case Tok::kComma:
        return "','";
      default:
        return "operator";
    }
  }

  Status Advance() { return lexer_.Next(&tok_); }

  Status Add(AstNode node, int* out) {
    int height = 1;
    for (int child : {node.lhs, node.rhs}) {
      if (child >= 0) height = std::max(height, heights_[static_cast<size_t>(child)] + 1);
    }
    if (height > kMaxExpressionDepth) {
      return ErrorAt(node.column, "the expression nests more than " +
                                      std::to_string(kMaxExpressionDepth) +
                                      " levels deep; split it into computed values.");
    }
    heights_.push_back(height);
    nodes_.push_back(std::move(node));
    *out = static_cast<int>(nodes_.size()) - 1;
    return Status::Ok();
  }

  Status Binary(Op op, int column, int lhs, int rhs, int* out) {
    AstNode n;
    n.op = op;
    n.column = column;
    n.lhs = lhs;
    n.rhs = rhs;
    return Add(std::move(n), out);
  }

  bool IsKeyword(const char* word) const { return tok_.kind == Tok::kIdent && tok_.text == word; }

  Status Enter() {
    if (++nesting_ > kMaxExpressionDepth) {
      return ErrorAt(tok_.column, "the expression nests more than " +
                                      std::to_string(kMaxExpressionDepth) +
                                      " levels deep; split it into computed values.");
    }
    return Status::Ok();
  }

  Status ParseOr(int* out) {
    QM_RETURN_IF_ERROR(Enter());
    QM_RETURN_IF_ERROR(ParseAnd(out));
    while (IsKeyword("or")) {
      const int col = tok_.column;
      QM_RETURN_IF_ERROR(Advance());
      int rhs = -1;
      QM_RETURN_IF_ERROR(ParseAnd(&rhs));
      QM_RETURN_IF_ERROR(Binary(Op::kOr, col, *out, rhs, out));
    }
    --nesting_;
    return Status::Ok();
  }

  Status ParseAnd(int* out) {
    QM_RETURN_IF_ERROR(ParseNot(out));
    while (IsKeyword("and")) {
      const int col = tok_.column;
      QM_RETURN_IF_ERROR(Advance());
      int rhs = -1;
      QM_RETURN_IF_ERROR(ParseNot(&rhs));
      QM_RETURN_IF_ERROR(Binary(Op::kAnd, col, *out, rhs, out));
    }
    return Status::Ok();
  }

  Status ParseNot(int* out) {
    if (IsKeyword("not")) {
      const int col = tok_.column;
      QM_RETURN_IF_ERROR(Enter());
      QM_RETURN_IF_ERROR(Advance());
      int operand = -1;
      QM_RETURN_IF_ERROR(ParseNot(&operand));
      --nesting_;
      return Binary(Op::kNot, col, operand, -1, out);
    }
    return ParseComparison(out);
  }

  Status ParseComparison(int* out) {
    QM_RETURN_IF_ERROR(ParseAdditive(out));
    Op op;
    switch (tok_.kind) {
      case Tok::kEq:
        op = Op::kEq;
        break;
      case Tok::kNe:
        op = Op::kNe;
        break;
      case Tok::kLt:
        op = Op::kLt;
        break;
      case Tok::kLe:
        op = Op::kLe;
        break;
      case Tok::kGt:
        op = Op::kGt;
        break;
      case Tok::kGe:
        op = Op::kGe;
        break;
      default:
        return Status::Ok();
    }
    const int col = tok_.column;
    QM_RETURN_IF_ERROR(Advance());
    int rhs = -1;
    QM_RETURN_IF_ERROR(ParseAdditive(&rhs));
    switch (tok_.kind) {
      case Tok::kEq:
      case Tok::kNe:
      case Tok::kLt:
      case Tok::kLe:
      case Tok::kGt:
      case Tok::kGe:
        return ErrorAt(tok_.column, "comparisons do not chain; join them with 'and'.");
      default:
        break;
    }
    return Binary(op, col, *out, rhs, out);
  }

  Status ParseAdditive(int* out) {
    QM_RETURN_IF_ERROR(ParseTerm(out));
    while (tok_.kind == Tok::kPlus || tok_.kind == Tok::kMinus) {
      const Op op = tok_.kind == Tok::kPlus ? Op::kAdd : Op::kSub;
      const int col = tok_.column;
      QM_RETURN_IF_ERROR(Advance());
      int rhs = -1;
      QM_RETURN_IF_ERROR(ParseTerm(&rhs));
      QM_RETURN_IF_ERROR(Binary(op, col, *out, rhs, out));
    }
    return Status::Ok();
  }

  Status ParseTerm(int* out) {
    QM_RETURN_IF_ERROR(ParseUnary(out));
    while (tok_.kind == Tok::kStar || tok_.kind == Tok::kSlash) {
      const Op op = tok_.kind == Tok::kStar ? Op::kMul : Op::kDiv;
      const int col = tok_.column;
      QM_RETURN_IF_ERROR(Advance());
      int rhs = -1;
      QM_RETURN_IF_ERROR(ParseUnary(&rhs));
      QM_RETURN_IF_ERROR(Binary(op, col, *out, rhs, out));
    }
    return Status::Ok();
  }

  Status ParseUnary(int* out) {
    if (tok_.kind == Tok::kMinus) {
      const int col = tok_.column;
      QM_RETURN_IF_ERROR(Enter());
      QM_RETURN_IF_ERROR(Advance());
      int operand = -1;
      QM_RETURN_IF_ERROR(ParseUnary(&operand));
      --nesting_;
      return Binary(Op::kNeg, col, operand, -1, out);
    }
    return ParsePrimary(out);
  }

  Status ExpectItemArgument(AstNode* node, const std::string& fn) {
    if (tok_.kind != Tok::kIdent || IsReserved(tok_.text)) {
      return ErrorAt(tok_.column,
                     fn + "() takes an item id as its first argument, not " + Describe(tok_) + ".");
    }
    node->text = tok_.text;
    return Advance();
  }

  static bool IsReserved(const std::string& word) {
    return word == "and" || word == "or" || word == "not" || word == "true" || word == "false";
  }

  Status Expect(Tok kind, const char* what) {
    if (tok_.kind != kind) {
      return ErrorAt(tok_.column,
                     std::string("expected ") + what + " but found " + Describe(tok_) + ".");
    }
    return Advance();
  }

  Status ParseCall(const Token& name, int* out) {
    AstNode node;
    node.column = name.column;
    const std::string& fn = name.text;
    QM_RETURN_IF_ERROR(Advance());  // '('
    if (fn == "today") {
      node.op = Op::kToday;
      QM_RETURN_IF_ERROR(Expect(Tok::kRParen, "')' (today() takes no arguments)"));
      return Add(std::move(node), out);
    }
    if (fn == "selected") {
      node.op = Op::kSelected;
      QM_RETURN_IF_ERROR(ExpectItemArgument(&node, fn));
      QM_RETURN_IF_ERROR(Expect(Tok::kComma, "',' and a choice code"));
      if (tok_.kind != Tok::kString) {
        return ErrorAt(tok_.column,
                       "selected() takes a quoted choice code as its second argument, e.g. "
                       "selected(fuel, 'coal').");
      }
      node.code = tok_.text;
      QM_RETURN_IF_ERROR(Advance());
      QM_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
      return Add(std::move(node), out);
    }
    if (fn == "instance") {
      node.op = Op::kInstance;
      QM_RETURN_IF_ERROR(Expect(Tok::kRParen, "')' (instance() takes no arguments)"));
      return Add(std::move(node), out);
    }
    if (fn == "instances") {
      node.op = Op::kInstances;
      if (tok_.kind != Tok::kIdent || IsReserved(tok_.text)) {
        return ErrorAt(tok_.column,
                       "instances() takes the id of a repeat section, not " + Describe(tok_) + ".");
      }
      node.text = tok_.text;
      QM_RETURN_IF_ERROR(Advance());
      QM_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
      return Add(std::move(node), out);
    }
    if (fn == "any" || fn == "all" || fn == "count" || fn == "sum") {
      node.op = fn == "any"     ? Op::kAny
                : fn == "all"   ? Op::kAll
                : fn == "count" ? Op::kCount
                                : Op::kSum;
      QM_RETURN_IF_ERROR(Enter());
      QM_RETURN_IF_ERROR(ParseOr(&node.lhs));
      --nesting_;
      QM_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
      return Add(std::move(node), out);
    }
    if (fn == "count_selected" || fn == "photo_count" || fn == "is_answered") {
      node.op = fn == "count_selected" ? Op::kCountSelected
                : fn == "photo_count"  ? Op::kPhotoCount
                                       : Op::kIsAnswered;
      QM_RETURN_IF_ERROR(ExpectItemArgument(&node, fn));
      QM_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
      return Add(std::move(node), out);
    }
    return ErrorAt(name.column, "unknown function '" + fn +
                                    "'; the functions are selected, count_selected, photo_count, "
                                    "is_answered, today, any, all, count, sum, instances and "
                                    "instance.");
  }

  Status ParsePrimary(int* out) {
    AstNode node;
    node.column = tok_.column;
    switch (tok_.kind) {
      case Tok::kNumber:
        node.op = Op::kNumber;
        node.number = tok_.number;
        QM_RETURN_IF_ERROR(Advance());
        return Add(std::move(node), out);
      case Tok::kString:
        node.op = Op::kString;
        node.text = tok_.text;
        QM_RETURN_IF_ERROR(Advance());
        return Add(std::move(node), out);
      case Tok::kLParen: {
        QM_RETURN_IF_ERROR(Advance());
        QM_RETURN_IF_ERROR(ParseOr(out));
        if (tok_.kind != Tok::kRParen) {
          return ErrorAt(tok_.column, "expected ')' to close the '(' at column " +
                                          std::to_string(node.column) + " but found " +
                                          Describe(tok_) + ".");
        }
        return Advance();
      }
      case Tok::kIdent: {
        if (tok_.text == "true" || tok_.text == "false") {
          node.op = Op::kBool;
          node.boolean = tok_.text == "true";
          QM_RETURN_IF_ERROR(Advance());
          return Add(std::move(node), out);
        }
        if (IsReserved(tok_.text)) {
          return ErrorAt(tok_.column, "'" + tok_.text + "' needs a condition before it.");
        }
        Token name = tok_;
        QM_RETURN_IF_ERROR(Advance());
        if (tok_.kind == Tok::kLParen) return ParseCall(name, out);
        node.op = Op::kRef;
        node.text = std::move(name.text);
        return Add(std::move(node), out);
      }
      default:
        return ErrorAt(tok_.column,
                       "expected a value, an item id or '(' but found " + Describe(tok_) + ".");
    }
  }

  Lexer lexer_;
  Token tok_;
  std::vector<AstNode> nodes_;
  std::vector<int> heights_;
  int nesting_ = 0;
};

}  // namespace

std::vector<std::string> Expression::References() const {
  std::vector<std::string> refs;
  for (const AstNode& n : nodes) {
    switch (n.op) {
      case Op::kRef:
      case Op::kSelected:
      case Op::kCountSelected:
      case Op::kPhotoCount:
      case Op::kIsAnswered:
        if (std::find(refs.begin(), refs.end(), n.text) == refs.end()) refs.push_back(n.text);
        break;
      default:
        break;
    }
  }
  return refs;
}

std::vector<std::string> Expression::CountedSections() const {
  std::vector<std::string> ids;
  for (const AstNode& n : nodes) {
    if (n.op == Op::kInstances && std::find(ids.begin(), ids.end(), n.text) == ids.end()) {
      ids.push_back(n.text);
    }
  }
  return ids;
}

Result<Expression> ParseExpression(std::string_view source) {
  if (source.size() > kMaxExpressionLength) {
    return ErrorAt(static_cast<int>(kMaxExpressionLength) + 1,
                   "the expression is longer than " + std::to_string(kMaxExpressionLength) +
                       " characters; split it into computed values.");
  }
  Parser parser(source);
  return parser.Run(std::string(source));
}

}  // namespace qiaomen::core::forms
