// Shell arithmetic, as in $((…)) and for ((init; cond; step)): 64-bit integers,
// variables by name (unset or empty is 0), C operators by C precedence including
// assignments (= += -= *= /= %=), ++/--, **, comparisons, && || ! and ?:.
#include <cctype>

#include "core/terminal/expand.h"

namespace kt::term {
namespace {

class Arith {
 public:
  Arith(ExpandEnv& env, std::string_view s) : env_(env), s_(s) {}

  long long run() {
    long long v = 0;
    skip();
    if (pos_ < s_.size()) v = comma();
    skip();
    if (pos_ < s_.size() && env_.error.empty()) fail(s_.substr(pos_));
    return v;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(std::string_view op) {
    skip();
    if (s_.substr(pos_, op.size()) != op) return false;
    // Don't take "<" from "<=" or "<<", "=" from "==", "&" from "&&", …
    if (op.size() == 1 && pos_ + 1 < s_.size()) {
      const char n = s_[pos_ + 1];
      if ((op == "<" || op == ">") && (n == '=' || n == op[0])) return false;
      if ((op == "=" || op == "!") && n == '=') return false;
      if ((op == "&" || op == "|") && n == op[0]) return false;
      if ((op == "+" || op == "-" || op == "*" || op == "/" || op == "%") && n == '=') return false;
      if (op == "*" && n == '*') return false;
      if ((op == "+" || op == "-") && n == op[0]) return false;
    }
    pos_ += op.size();
    return true;
  }
  void fail(std::string_view token) {
    if (env_.error.empty())
      env_.error = std::string(s_) + ": syntax error: operand expected (error token is \"" + std::string(token) + "\")";
  }
  long long var(const std::string& name) {
    std::string v = env_.get(name).value_or("");
    if (v.empty()) return 0;
    try {
      return std::stoll(v);
    } catch (...) {
      return 0;
    }
  }

  long long comma() {
    long long v = assign();
    while (eat(",")) v = assign();
    return v;
  }

  long long assign() {
    skip();
    std::size_t save = pos_;
    std::string name = ident();
    if (!name.empty()) {
      for (std::string_view op : {"=", "+=", "-=", "*=", "/=", "%="}) {
        if (eat(op)) {
          long long rhs = assign();
          long long cur = var(name);
          long long v = op == "=" ? rhs : op == "+=" ? cur + rhs : op == "-=" ? cur - rhs : op == "*=" ? cur * rhs
                      : rhs == 0 ? (fail("0"), 0) : op == "/=" ? cur / rhs : cur % rhs;
          env_.set(name, std::to_string(v));
          return v;
        }
      }
    }
    pos_ = save;
    return ternary();
  }

  long long ternary() {
    long long c = binary(0);
    if (eat("?")) {
      long long a = assign();
      if (!eat(":")) fail(s_.substr(pos_));
      long long b = assign();
      return c ? a : b;
    }
    return c;
  }

  // Binary operators by precedence level, lowest first.
  long long binary(int level) {
    static const std::vector<std::vector<std::string_view>> levels = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};
    if (level == static_cast<int>(levels.size())) return unary();
    long long v = binary(level + 1);
    for (;;) {
      std::string_view hit;
      for (auto op : levels[level])
        if (eat(op)) {
          hit = op;
          break;
        }
      if (hit.empty()) return v;
      long long r = binary(level + 1);
      if (hit == "||") v = v || r;
      else if (hit == "&&") v = v && r;
      else if (hit == "|") v |= r;
      else if (hit == "^") v ^= r;
      else if (hit == "&") v &= r;
      else if (hit == "==") v = v == r;
      else if (hit == "!=") v = v != r;
      else if (hit == "<=") v = v <= r;
      else if (hit == ">=") v = v >= r;
      else if (hit == "<") v = v < r;
      else if (hit == ">") v = v > r;
      else if (hit == "<<") v <<= r;
      else if (hit == ">>") v >>= r;
      else if (hit == "+") v += r;
      else if (hit == "-") v -= r;
      else if (hit == "*") v *= r;
      else if (r == 0) {
        if (env_.error.empty()) env_.error = "division by 0 (error token is \"" + std::to_string(r) + "\")";
        return 0;
      } else if (hit == "/") v /= r;
      else v %= r;
    }
  }

  long long unary() {
    if (eat("++") || eat("--")) {
      const bool inc = s_[pos_ - 1] == '+';
      skip();
      std::string name = ident();
      long long v = var(name) + (inc ? 1 : -1);
      env_.set(name, std::to_string(v));
      return v;
    }
    if (eat("!")) return !unary();
    if (eat("-")) return -unary();
    if (eat("+")) return unary();
    if (eat("~")) return ~unary();
    long long base = postfix();
    if (eat("**")) {  // right-associative, binds tighter than * / %
      long long e = unary();
      long long v = 1;
      for (long long k = 0; k < e && k < 64; ++k) v *= base;
      return e < 0 ? 0 : v;
    }
    return base;
  }

  long long postfix() {
    skip();
    if (eat("(")) {
      long long v = comma();
      if (!eat(")")) fail(s_.substr(pos_));
      return v;
    }
    if (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
      std::size_t start = pos_;
      while (pos_ < s_.size() && std::isalnum(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      try {
        return std::stoll(std::string(s_.substr(start, pos_ - start)), nullptr, 0);
      } catch (...) {
        fail(s_.substr(start));
        return 0;
      }
    }
    if (pos_ < s_.size() && s_[pos_] == '$') ++pos_;
    std::string name = ident();
    if (name.empty()) {
      fail(s_.substr(pos_));
      return 0;
    }
    long long v = var(name);
    skip();
    if (s_.substr(pos_, 2) == "++" || s_.substr(pos_, 2) == "--") {
      env_.set(name, std::to_string(v + (s_[pos_] == '+' ? 1 : -1)));
      pos_ += 2;
    }
    return v;
  }

  std::string ident() {
    std::size_t start = pos_;
    while (pos_ < s_.size() && (s_[pos_] == '_' || std::isalpha(static_cast<unsigned char>(s_[pos_])) ||
                                (pos_ > start && std::isdigit(static_cast<unsigned char>(s_[pos_])))))
      ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }

  ExpandEnv& env_;
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

long long eval_arith(ExpandEnv& env, std::string_view expr) { return Arith(env, expr).run(); }

}  // namespace kt::term
