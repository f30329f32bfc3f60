// awk (POSIX, as gawk and mawk run it) for one-liners in tutorials: -F, -v, BEGIN and
// END, /regex/ and expression patterns, ranges, fields ($0 $1 … $NF, assignable), NR,
// NF, FS, OFS, ORS, print with commas and > file, printf, if/else, while, for,
// for (k in a), associative arrays, next, exit, and the string builtins (length,
// substr, index, split, sub, gsub, match, tolower, toupper, sprintf, int). Map:
//   1. values and the lexer
//   2. the parser (expressions by awk's precedence, statements, pattern-action items)
//   3. the interpreter
#include <cmath>
#include <cstring>
#include <memory>
#include <regex>
#include <set>

#include "core/terminal/shell_state.h"

namespace kt::term {
namespace {

// ---- 1. values and lexer -------------------------------------------------------------------
struct Value {
  enum class Kind { Uninit, Num, Str, StrNum } kind = Kind::Uninit;
  double n = 0;
  std::string s;
  static Value num(double v) { return {Kind::Num, v, ""}; }
  static Value str(std::string v) { return {Kind::Str, 0, std::move(v)}; }
  // Input data (fields, -v values): a number if it looks like one.
  static Value strnum(std::string v) {
    char* end = nullptr;
    const char* b = v.c_str();
    while (*b == ' ' || *b == '\t') ++b;
    double d = std::strtod(b, &end);
    bool numeric = end != b;
    if (numeric)
      while (*end == ' ' || *end == '\t' || *end == '\n') ++end;
    if (numeric && *end == 0) return {Kind::StrNum, d, std::move(v)};
    return {Kind::Str, 0, std::move(v)};
  }
};

std::string num_to_string(double d, const char* fmt = "%.6g") {
  if (d == std::floor(d) && std::fabs(d) < 1e16) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
    return buf;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, d);
  return buf;
}

double to_num(const Value& v) {
  if (v.kind == Value::Kind::Num || v.kind == Value::Kind::StrNum) return v.n;
  return std::strtod(v.s.c_str(), nullptr);
}
std::string to_str(const Value& v) { return v.kind == Value::Kind::Num ? num_to_string(v.n) : v.s; }
bool to_bool(const Value& v) {
  if (v.kind == Value::Kind::Num) return v.n != 0;
  if (v.kind == Value::Kind::StrNum) return v.n != 0;
  return !v.s.empty();
}

struct AwkError {
  std::string message;
};

struct Tok {
  enum class K { Num, Str, Regex, Name, Func, Op, Newline, End } k;
  std::string text;
  double num = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Tok> run() {
    std::vector<Tok> out;
    for (;;) {
      while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || (s_[pos_] == '\\' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n')))
        pos_ += s_[pos_] == '\\' ? 2 : 1;
      if (pos_ >= s_.size()) break;
      const char c = s_[pos_];
      if (c == '#') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else if (c == '\n' || c == ';') {
        out.push_back({c == '\n' ? Tok::K::Newline : Tok::K::Op, std::string(1, c)});
        ++pos_;
      } else if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && pos_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
        char* end = nullptr;
        double v = std::strtod(s_.data() + pos_, &end);
        std::size_t len = static_cast<std::size_t>(end - (s_.data() + pos_));
        out.push_back({Tok::K::Num, std::string(s_.substr(pos_, len)), v});
        pos_ += len;
      } else if (c == '"') {
        std::string v;
        ++pos_;
        while (pos_ < s_.size() && s_[pos_] != '"') {
          if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) {
            const char n = s_[++pos_];
            v += n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n == '\\' ? '\\' : n == '"' ? '"' : n == '/' ? '/' : n;
            if (!std::strchr("nrt\\\"/", n)) v.insert(v.size() - 1, "\\");
          } else {
            v += s_[pos_];
          }
          ++pos_;
        }
        if (pos_ >= s_.size()) throw AwkError{"runaway string constant \"" + v.substr(0, 10) + " ..."};
        ++pos_;
        out.push_back({Tok::K::Str, v});
      } else if (c == '/' && regex_allowed(out)) {
        std::string v;
        ++pos_;
        while (pos_ < s_.size() && s_[pos_] != '/') {
          if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) {
            if (s_[pos_ + 1] != '/') v += '\\';
            v += s_[pos_ + 1];
            pos_ += 2;
            continue;
          }
          if (s_[pos_] == '\n') break;
          v += s_[pos_++];
        }
        if (pos_ >= s_.size() || s_[pos_] != '/') throw AwkError{"unterminated regexp"};
        ++pos_;
        out.push_back({Tok::K::Regex, v});
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        std::size_t b = pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
        std::string name(s_.substr(b, pos_ - b));
        const bool call = pos_ < s_.size() && s_[pos_] == '(';
        out.push_back({call ? Tok::K::Func : Tok::K::Name, name});
      } else {
        static const char* ops[] = {"+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>", "!~"};
        std::string op(1, c);
        for (const char* o : ops)
          if (s_.substr(pos_, 2) == o) op = o;
        pos_ += op.size();
        out.push_back({Tok::K::Op, op});
      }
    }
    out.push_back({Tok::K::End, ""});
    return out;
  }

 private:
  // A '/' starts a regex unless it follows something that ends an operand.
  static bool regex_allowed(const std::vector<Tok>& out) {
    if (out.empty()) return true;
    const Tok& t = out.back();
    if (t.k == Tok::K::Num || t.k == Tok::K::Str || t.k == Tok::K::Name || t.k == Tok::K::Regex) return false;
    if (t.k == Tok::K::Op && (t.text == ")" || t.text == "]" || t.text == "$" || t.text == "++" || t.text == "--")) return false;
    return true;
  }
  std::string_view s_;
  std::size_t pos_ = 0;
};

// ---- 2. parser -----------------------------------------------------------------------------
struct Node;
using NodeP = std::shared_ptr<Node>;
struct Node {
  enum class K {
    Num, Str, Regex, Var, Field, Index, Assign, Cond, Or, And, In, Match, Binary, Concat, Not, Neg, Plus,
    PreInc, PostInc, Call, Group,
    // statements
    Print, Printf, Expr, If, While, Do, For, ForIn, Block, Next, Exit, Break, Continue, Delete, Getline
  } k;
  std::string text;            // operator, name, string, regex source
  double num = 0;
  std::vector<NodeP> kids;
  std::shared_ptr<std::regex> re;
};

NodeP make(Node::K k, std::string text = "", std::vector<NodeP> kids = {}) {
  auto n = std::make_shared<Node>();
  n->k = k;
  n->text = std::move(text);
  n->kids = std::move(kids);
  return n;
}

std::shared_ptr<std::regex> compile_ere(const std::string& src) {
  try {
    return std::make_shared<std::regex>(ere_to_ecma(src), std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    throw AwkError{"fatal: invalid regexp: /" + src + "/"};
  }
}

struct Item {
  enum class Kind { Begin, End, Main } kind = Kind::Main;
  NodeP pattern, pattern2;  // pattern2: a range's end
  NodeP action;             // null: print $0
  bool in_range = false;
};

class Parser {
 public:
  explicit Parser(std::vector<Tok> t) : t_(std::move(t)) {}

  std::vector<Item> program() {
    std::vector<Item> items;
    skip_terms();
    while (!at(Tok::K::End)) {
      Item it;
      if (is_name("BEGIN") || is_name("END")) {
        it.kind = t_[p_].text == "BEGIN" ? Item::Kind::Begin : Item::Kind::End;
        ++p_;
        skip_newlines();
        if (!is_op("{")) fail();
        it.action = block();
      } else {
        if (!is_op("{")) {
          it.pattern = expr();
          if (is_op(",")) {
            ++p_;
            skip_newlines();
            it.pattern2 = expr();
          }
        }
        if (is_op("{")) it.action = block();
      }
      items.push_back(it);
      skip_terms();
    }
    return items;
  }

 private:
  bool at(Tok::K k) const { return t_[p_].k == k; }
  bool is_op(std::string_view o) const { return t_[p_].k == Tok::K::Op && t_[p_].text == o; }
  bool is_name(std::string_view n) const { return t_[p_].k == Tok::K::Name && t_[p_].text == n; }
  [[noreturn]] void fail() {
    const Tok& t = t_[p_];
    throw AwkError{"syntax error at source line 1: near " + (t.k == Tok::K::End ? std::string("end of program") : t.text)};
  }
  void expect(std::string_view o) {
    if (!is_op(o)) fail();
    ++p_;
  }
  void skip_newlines() {
    while (at(Tok::K::Newline)) ++p_;
  }
  void skip_terms() {
    while (at(Tok::K::Newline) || is_op(";")) ++p_;
  }

  NodeP block() {
    expect("{");
    auto b = make(Node::K::Block);
    skip_terms();
    while (!is_op("}")) {
      if (at(Tok::K::End)) fail();
      b->kids.push_back(statement());
      skip_terms();
    }
    ++p_;
    return b;
  }

  NodeP simple_or_block() {
    skip_newlines();
    if (is_op(";")) {
      ++p_;
      return make(Node::K::Block);
    }
    return statement();
  }

  NodeP statement() {
    if (is_op("{")) return block();
    if (is_name("if")) {
      ++p_;
      expect("(");
      auto n = make(Node::K::If, "", {expr()});
      expect(")");
      n->kids.push_back(simple_or_block());
      std::size_t save = p_;
      skip_terms();
      if (is_name("else")) {
        ++p_;
        n->kids.push_back(simple_or_block());
      } else {
        p_ = save;
      }
      return n;
    }
    if (is_name("while")) {
      ++p_;
      expect("(");
      auto n = make(Node::K::While, "", {expr()});
      expect(")");
      n->kids.push_back(simple_or_block());
      return n;
    }
    if (is_name("do")) {
      ++p_;
      auto body = simple_or_block();
      skip_terms();
      if (!is_name("while")) fail();
      ++p_;
      expect("(");
      auto n = make(Node::K::Do, "", {body, expr()});
      expect(")");
      return n;
    }
    if (is_name("for")) {
      ++p_;
      expect("(");
      if (t_[p_].k == Tok::K::Name && t_[p_ + 1].k == Tok::K::Name && t_[p_ + 1].text == "in" &&
          t_[p_ + 2].k == Tok::K::Name && t_[p_ + 3].k == Tok::K::Op && t_[p_ + 3].text == ")") {
        auto n = make(Node::K::ForIn, t_[p_].text);
        n->kids.push_back(make(Node::K::Var, t_[p_ + 2].text));
        p_ += 4;
        n->kids.push_back(simple_or_block());
        return n;
      }
      auto n = make(Node::K::For);
      n->kids.push_back(is_op(";") ? nullptr : simple_statement());
      expect(";");
      skip_newlines();
      n->kids.push_back(is_op(";") ? nullptr : expr());
      expect(";");
      skip_newlines();
      n->kids.push_back(is_op(")") ? nullptr : simple_statement());
      expect(")");
      n->kids.push_back(simple_or_block());
      return n;
    }
    auto s = simple_statement();
    if (!is_op(";") && !is_op("}") && !at(Tok::K::Newline) && !at(Tok::K::End)) fail();
    return s;
  }

  NodeP simple_statement() {
    const bool print_kw = (t_[p_].k == Tok::K::Name || t_[p_].k == Tok::K::Func) &&
                          (t_[p_].text == "print" || t_[p_].text == "printf");  // "printf(" lexes as a call
    if (print_kw) {
      auto n = make(t_[p_].text == "print" ? Node::K::Print : Node::K::Printf);
      ++p_;
      no_gt_ = true;
      bool paren = false;
      if (is_op("(")) {
        // print (a, b): a grouping of the whole list, when the ')' closes it
        std::size_t save = p_;
        ++p_;
        try {
          std::vector<NodeP> list = {expr()};
          while (is_op(",")) {
            ++p_;
            skip_newlines();
            list.push_back(expr());
          }
          if (is_op(")") && (t_[p_ + 1].k != Tok::K::Op || std::strchr(";}>|", t_[p_ + 1].text[0]))) {
            ++p_;
            n->kids = list;
            paren = true;
          } else {
            p_ = save;
          }
        } catch (const AwkError&) {
          p_ = save;
        }
      }
      if (!paren && !is_op(";") && !is_op("}") && !at(Tok::K::Newline) && !at(Tok::K::End) && !is_op(">")) {
        n->kids.push_back(expr());
        while (is_op(",")) {
          ++p_;
          skip_newlines();
          n->kids.push_back(expr());
        }
      }
      no_gt_ = false;
      if (is_op(">") || is_op(">>")) {
        const std::string mode = t_[p_].text;
        ++p_;
        n->text = mode;
        n->kids.insert(n->kids.begin(), concat_free_primary());
      }
      return n;
    }
    if (is_name("next")) {
      ++p_;
      return make(Node::K::Next);
    }
    if (is_name("exit")) {
      ++p_;
      auto n = make(Node::K::Exit);
      if (!is_op(";") && !is_op("}") && !at(Tok::K::Newline) && !at(Tok::K::End)) n->kids.push_back(expr());
      return n;
    }
    if (is_name("break")) {
      ++p_;
      return make(Node::K::Break);
    }
    if (is_name("continue")) {
      ++p_;
      return make(Node::K::Continue);
    }
    if (is_name("delete")) {
      ++p_;
      if (!at(Tok::K::Name)) fail();
      auto n = make(Node::K::Delete, t_[p_++].text);
      if (is_op("[")) {
        ++p_;
        n->kids.push_back(expr());
        expect("]");
      }
      return n;
    }
    return make(Node::K::Expr, "", {expr()});
  }

  NodeP concat_free_primary() {
    const bool save = no_gt_;
    no_gt_ = true;
    auto n = primary();
    no_gt_ = save;
    return n;
  }

  // Expressions, lowest precedence first.
  NodeP expr() { return ternary(); }

  NodeP ternary() {
    auto c = or_expr();
    if (is_op("?")) {
      ++p_;
      skip_newlines();
      auto a = ternary();
      skip_newlines();
      expect(":");
      skip_newlines();
      auto b = ternary();
      return make(Node::K::Cond, "", {c, a, b});
    }
    if (t_[p_].k == Tok::K::Op && (is_op("=") || is_op("+=") || is_op("-=") || is_op("*=") || is_op("/=") || is_op("%=") || is_op("^="))) {
      if (c->k != Node::K::Var && c->k != Node::K::Field && c->k != Node::K::Index) fail();
      const std::string op = t_[p_++].text;
      skip_newlines();
      return make(Node::K::Assign, op, {c, ternary()});
    }
    return c;
  }
  NodeP or_expr() {
    auto l = and_expr();
    while (is_op("||")) {
      ++p_;
      skip_newlines();
      l = make(Node::K::Or, "", {l, and_expr()});
    }
    return l;
  }
  NodeP and_expr() {
    auto l = in_expr();
    while (is_op("&&")) {
      ++p_;
      skip_newlines();
      l = make(Node::K::And, "", {l, in_expr()});
    }
    return l;
  }
  NodeP in_expr() {
    auto l = match_expr();
    while (is_name("in")) {
      ++p_;
      if (!at(Tok::K::Name)) fail();
      l = make(Node::K::In, t_[p_++].text, {l});
    }
    return l;
  }
  NodeP match_expr() {
    auto l = comparison();
    while (is_op("~") || is_op("!~")) {
      const std::string op = t_[p_++].text;
      l = make(Node::K::Match, op, {l, comparison()});
    }
    return l;
  }
  NodeP comparison() {
    auto l = concat();
    if (is_op("<") || is_op("<=") || is_op("==") || is_op("!=") || is_op(">=") || (is_op(">") && !no_gt_)) {
      const std::string op = t_[p_++].text;
      l = make(Node::K::Binary, op, {l, concat()});
    }
    return l;
  }
  bool starts_operand() const {
    const Tok& t = t_[p_];
    if (t.k == Tok::K::Num || t.k == Tok::K::Str || t.k == Tok::K::Regex || t.k == Tok::K::Func) return true;
    if (t.k == Tok::K::Name) return t.text != "in" && t.text != "getline";
    return t.k == Tok::K::Op && (t.text == "$" || t.text == "(" || t.text == "!" || t.text == "++" || t.text == "--" || t.text == "-");
  }
  NodeP concat() {
    auto l = additive();
    while (starts_operand() && !is_op("-")) l = make(Node::K::Concat, "", {l, additive()});
    return l;
  }
  NodeP additive() {
    auto l = multiplicative();
    while (is_op("+") || is_op("-")) {
      const std::string op = t_[p_++].text;
      l = make(Node::K::Binary, op, {l, multiplicative()});
    }
    return l;
  }
  NodeP multiplicative() {
    auto l = unary();
    while (is_op("*") || is_op("/") || is_op("%")) {
      const std::string op = t_[p_++].text;
      l = make(Node::K::Binary, op, {l, unary()});
    }
    return l;
  }
  NodeP unary() {
    if (is_op("!")) {
      ++p_;
      return make(Node::K::Not, "", {unary()});
    }
    if (is_op("-")) {
      ++p_;
      return make(Node::K::Neg, "", {unary()});
    }
    if (is_op("+")) {
      ++p_;
      return make(Node::K::Plus, "", {unary()});
    }
    return power();
  }
  NodeP power() {
    auto l = postfix();
    if (is_op("^")) {
      ++p_;
      return make(Node::K::Binary, "^", {l, unary()});
    }
    return l;
  }
  NodeP postfix() {
    if (is_op("++") || is_op("--")) {
      const std::string op = t_[p_++].text;
      return make(Node::K::PreInc, op, {postfix()});
    }
    auto n = primary();
    if ((is_op("++") || is_op("--")) && (n->k == Node::K::Var || n->k == Node::K::Field || n->k == Node::K::Index)) {
      const std::string op = t_[p_++].text;
      return make(Node::K::PostInc, op, {n});
    }
    return n;
  }
  NodeP primary() {
    const Tok t = t_[p_];
    switch (t.k) {
      case Tok::K::Num: {
        ++p_;
        auto n = make(Node::K::Num);
        n->num = t.num;
        return n;
      }
      case Tok::K::Str: ++p_; return make(Node::K::Str, t.text);
      case Tok::K::Regex: {
        ++p_;
        auto n = make(Node::K::Regex, t.text);
        n->re = compile_ere(t.text);
        return n;
      }
      case Tok::K::Func: {
        ++p_;
        expect("(");
        auto n = make(Node::K::Call, t.text);
        skip_newlines();
        if (!is_op(")")) {
          const bool save = no_gt_;
          no_gt_ = false;
          n->kids.push_back(expr());
          while (is_op(",")) {
            ++p_;
            skip_newlines();
            n->kids.push_back(expr());
          }
          no_gt_ = save;
        }
        expect(")");
        return n;
      }
      case Tok::K::Name: {
        ++p_;
        if (t.text == "length") return make(Node::K::Call, "length");
        if (is_op("[")) {
          ++p_;
          auto n = make(Node::K::Index, t.text, {expr()});
          while (is_op(",")) {  // a[i, j]: SUBSEP-joined
            ++p_;
            n->kids[0] = make(Node::K::Concat, "", {make(Node::K::Concat, "", {n->kids[0], make(Node::K::Str, "\x1c")}), expr()});
          }
          expect("]");
          return n;
        }
        return make(Node::K::Var, t.text);
      }
      case Tok::K::Op:
        if (t.text == "$") {
          ++p_;
          if (is_op("++") || is_op("--")) return make(Node::K::Field, "", {postfix()});
          return make(Node::K::Field, "", {primary()});
        }
        if (t.text == "(") {
          ++p_;
          const bool save = no_gt_;
          no_gt_ = false;
          auto n = expr();
          no_gt_ = save;
          expect(")");
          return make(Node::K::Group, "", {n});
        }
        [[fallthrough]];
      default: fail();
    }
  }

  std::vector<Tok> t_;
  std::size_t p_ = 0;
  bool no_gt_ = false;  // inside print's list, '>' redirects
};

// ---- 3. interpreter -------------------------------------------------------------------------
struct NextRecord {};
struct ExitProgram {};
struct BreakLoop {};
struct ContinueLoop {};

class Awk {
 public:
  Awk(Invocation& inv, std::vector<Item> items) : inv_(inv), items_(std::move(items)) {
    vars_["FS"] = Value::str(" ");
    vars_["OFS"] = Value::str(" ");
    vars_["ORS"] = Value::str("\n");
    vars_["NR"] = Value::num(0);
    vars_["NF"] = Value::num(0);
    vars_["FNR"] = Value::num(0);
    vars_["SUBSEP"] = Value::str("\x1c");
    vars_["RSTART"] = Value::num(0);
    vars_["RLENGTH"] = Value::num(-1);
    vars_["FILENAME"] = Value::str("");
  }

  void set_var(const std::string& name, const std::string& v) { vars_[name] = Value::strnum(v); }

  int run(const std::vector<std::string>& files) {
    try {
      for (auto& it : items_)
        if (it.kind == Item::Kind::Begin) exec(it.action);
      bool has_main = false;
      for (auto& it : items_) has_main = has_main || it.kind != Item::Kind::Begin;
      if (has_main) {
        auto process = [&](const std::string& name, const std::string& data) {
          vars_["FILENAME"] = Value::str(name == "(standard input)" ? "" : name);
          vars_["FNR"] = Value::num(0);
          for (const auto& line : split_lines(data)) record(line);
        };
        if (files.empty()) {
          process("(standard input)", inv_.input());
        } else {
          for (const auto& f : files) {
            if (f.find('=') != std::string::npos && f[0] != '=') {
              set_var(f.substr(0, f.find('=')), f.substr(f.find('=') + 1));
              continue;
            }
            auto rd = f == "-" ? FileSystem::ReadResult{inv_.input(), ""} : inv_.fs().read(f);
            if (!rd.data) {
              flush();
              inv_.err("awk: fatal: cannot open file `" + f + "' for reading: " + rd.error + "\n");
              return 2;
            }
            process(f, *rd.data);
          }
        }
      }
    } catch (const ExitProgram&) {
    }
    // exit in BEGIN or a rule still runs the END rules; exit there ends them.
    try {
      for (auto& it : items_)
        if (it.kind == Item::Kind::End) exec(it.action);
    } catch (const ExitProgram&) {
    }
    flush();
    return exit_code_;
  }

  void flush() {
    inv_.out(out_);
    out_.clear();
    for (auto& [path, data] : files_) inv_.fs().write(path, data, true);
    files_.clear();
  }

 private:
  void record(const std::string& line) {
    vars_["NR"] = Value::num(to_num(vars_["NR"]) + 1);
    vars_["FNR"] = Value::num(to_num(vars_["FNR"]) + 1);
    set_record(line);
    try {
      for (auto& it : items_) {
        if (it.kind != Item::Kind::Main) continue;
        bool hit;
        if (it.pattern2) {
          if (!it.in_range) {
            hit = to_bool(eval(it.pattern));
            if (hit) it.in_range = !to_bool(eval(it.pattern2));
          } else {
            hit = true;
            if (to_bool(eval(it.pattern2))) it.in_range = false;
          }
        } else {
          hit = !it.pattern || to_bool(eval(it.pattern));
        }
        if (!hit) continue;
        if (it.action) exec(it.action);
        else out_ += fields_[0] + to_str(vars_["ORS"]);
      }
    } catch (const NextRecord&) {
    }
  }

  void set_record(const std::string& line) {
    fields_.assign(1, line);
    const std::string fs = to_str(vars_["FS"]);
    if (fs == " ") {
      std::size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        if (i >= line.size()) break;
        std::size_t j = i;
        while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
        fields_.push_back(line.substr(i, j - i));
        i = j;
      }
    } else if (!line.empty()) {
      if (fs.size() == 1 && fs != "\\") {
        std::size_t b = 0;
        for (;;) {
          auto e = line.find(fs[0], b);
          fields_.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
          if (e == std::string::npos) break;
          b = e + 1;
        }
      } else {
        auto re = compile_ere(fs);
        std::smatch m;
        auto it = line.cbegin();
        while (std::regex_search(it, line.cend(), m, *re) && m.length(0) > 0) {
          fields_.push_back(std::string(it, m[0].first));
          it = m[0].second;
        }
        fields_.push_back(std::string(it, line.cend()));
      }
    }
    vars_["NF"] = Value::num(static_cast<double>(fields_.size() - 1));
  }

  void rebuild_record() {
    std::string r;
    const std::string ofs = to_str(vars_["OFS"]);
    for (std::size_t i = 1; i < fields_.size(); ++i) r += (i > 1 ? ofs : "") + fields_[i];
    fields_[0] = r;
  }

  Value field(long i) {
    if (i < 0) throw AwkError{"fatal: attempt to access field " + std::to_string(i)};
    if (static_cast<std::size_t>(i) >= fields_.size()) return Value::strnum("");
    return Value::strnum(fields_[static_cast<std::size_t>(i)]);
  }

  void assign(const NodeP& lv, const Value& v) {
    switch (lv->k) {
      case Node::K::Var:
        vars_[lv->text] = v;
        if (lv->text == "NF") {
          fields_.resize(static_cast<std::size_t>(std::max(0.0, to_num(v))) + 1);
          rebuild_record();
        }
        break;
      case Node::K::Field: {
        const long i = static_cast<long>(to_num(eval(lv->kids[0])));
        if (i == 0) {
          set_record(to_str(v));
        } else {
          if (static_cast<std::size_t>(i) >= fields_.size()) fields_.resize(static_cast<std::size_t>(i) + 1);
          fields_[static_cast<std::size_t>(i)] = to_str(v);
          vars_["NF"] = Value::num(static_cast<double>(fields_.size() - 1));
          rebuild_record();
        }
        break;
      }
      case Node::K::Index: arrays_[lv->text][to_str(eval(lv->kids[0]))] = v; break;
      default: throw AwkError{"fatal: assignment to a non-variable"};
    }
  }

  int compare(const Value& a, const Value& b) {
    const bool an = a.kind == Value::Kind::Num || a.kind == Value::Kind::StrNum || a.kind == Value::Kind::Uninit;
    const bool bn = b.kind == Value::Kind::Num || b.kind == Value::Kind::StrNum || b.kind == Value::Kind::Uninit;
    if (an && bn) {
      const double x = to_num(a), y = to_num(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const std::string x = to_str(a), y = to_str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  std::shared_ptr<std::regex> dynamic_regex(const NodeP& n) {
    if (n->k == Node::K::Regex) return n->re;
    const std::string src = to_str(eval(n));
    auto it = regex_cache_.find(src);
    if (it != regex_cache_.end()) return it->second;
    return regex_cache_[src] = compile_ere(src);
  }

  std::string format(const std::string& fmt, const std::vector<Value>& args) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
      if (fmt[i] != '%') {
        out += fmt[i];
        continue;
      }
      std::size_t j = i + 1;
      while (j < fmt.size() && std::strchr("-+ #0123456789.", fmt[j])) ++j;
      if (j >= fmt.size()) {
        out += fmt.substr(i);
        break;
      }
      const char conv = fmt[j];
      const std::string spec = fmt.substr(i, j - i);
      i = j;
      if (conv == '%') {
        out += '%';
        continue;
      }
      const Value v = next < args.size() ? args[next++] : Value{};
      char buf[1024];
      if (conv == 'd' || conv == 'i') std::snprintf(buf, sizeof buf, (spec + "lld").c_str(), static_cast<long long>(to_num(v)));
      else if (conv == 'o' || conv == 'x' || conv == 'X' || conv == 'u')
        std::snprintf(buf, sizeof buf, (spec + "ll" + conv).c_str(), static_cast<long long>(to_num(v)));
      else if (std::strchr("eEfFgG", conv)) std::snprintf(buf, sizeof buf, (spec + conv).c_str(), to_num(v));
      else if (conv == 'c') {
        const std::string s = v.kind == Value::Kind::Num ? std::string(1, static_cast<char>(to_num(v))) : to_str(v).substr(0, 1);
        std::snprintf(buf, sizeof buf, (spec + "s").c_str(), s.c_str());
      } else if (conv == 's') {
        const std::string s = to_str(v);
        if (s.size() > 900) {
          out += s;
          continue;
        }
        std::snprintf(buf, sizeof buf, (spec + "s").c_str(), s.c_str());
      } else {
        out += spec + conv;
        continue;
      }
      out += buf;
    }
    return out;
  }

  // sub/gsub: replaces in target; & is the match, \& a literal &.
  int substitute(const NodeP& re_node, const Value& rep, const NodeP& target, bool global) {
    auto re = dynamic_regex(re_node);
    std::string s = to_str(target ? eval(target) : Value::str(fields_[0]));
    const std::string r = to_str(rep);
    std::string out;
    int n = 0;
    auto it = s.cbegin();
    std::smatch m;
    auto flags = std::regex_constants::match_default;
    bool after_match = false;  // an empty match right after a match does not count
    while (std::regex_search(it, s.cend(), m, *re, flags)) {
      if (m.length(0) == 0 && after_match && m[0].first == it) {
        after_match = false;
        if (it == s.cend()) break;
        out += *it++;
        flags |= std::regex_constants::match_prev_avail | std::regex_constants::match_not_bol;
        continue;
      }
      after_match = m.length(0) > 0;
      out.append(it, m[0].first);
      for (std::size_t k = 0; k < r.size(); ++k) {
        if (r[k] == '\\' && k + 1 < r.size() && (r[k + 1] == '&' || r[k + 1] == '\\')) out += r[++k];
        else if (r[k] == '&') out += m.str(0);
        else out += r[k];
      }
      ++n;
      it = m[0].second;
      if (m.length(0) == 0) {
        if (it == s.cend()) break;
        out += *it++;
      }
      flags |= std::regex_constants::match_prev_avail | std::regex_constants::match_not_bol;
      if (!global) break;
    }
    if (n == 0) return 0;
    out.append(it, s.cend());
    if (target) assign(target, Value::str(out));
    else set_record(out);
    return n;
  }

  Value call(const NodeP& n) {
    const std::string& f = n->text;
    const auto& a = n->kids;
    auto arg = [&](std::size_t i) { return i < a.size() ? eval(a[i]) : Value{}; };
    if (f == "length") {
      if (!a.empty() && a[0]->k == Node::K::Var && arrays_.count(a[0]->text)) return Value::num(static_cast<double>(arrays_[a[0]->text].size()));
      return Value::num(static_cast<double>((a.empty() ? fields_[0] : to_str(arg(0))).size()));
    }
    if (f == "substr") {
      const std::string s = to_str(arg(0));
      double start = std::round(to_num(arg(1)));
      double len = a.size() > 2 ? std::round(to_num(arg(2))) : 1e18;
      double end = start + len;  // exclusive, 1-based
      if (start < 1) start = 1;
      if (end > static_cast<double>(s.size()) + 1) end = static_cast<double>(s.size()) + 1;
      if (end <= start) return Value::str("");
      return Value::str(s.substr(static_cast<std::size_t>(start) - 1, static_cast<std::size_t>(end - start)));
    }
    if (f == "index") {
      auto p = to_str(arg(0)).find(to_str(arg(1)));
      return Value::num(p == std::string::npos ? 0 : static_cast<double>(p + 1));
    }
    if (f == "tolower" || f == "toupper") {
      std::string s = to_str(arg(0));
      for (auto& c : s) c = static_cast<char>(f == "tolower" ? std::tolower(static_cast<unsigned char>(c)) : std::toupper(static_cast<unsigned char>(c)));
      return Value::str(s);
    }
    if (f == "int") return Value::num(std::trunc(to_num(arg(0))));
    if (f == "sqrt") return Value::num(std::sqrt(to_num(arg(0))));
    if (f == "sprintf") {
      std::vector<Value> vals;
      for (std::size_t i = 1; i < a.size(); ++i) vals.push_back(eval(a[i]));
      return Value::str(format(to_str(arg(0)), vals));
    }
    if (f == "sub" || f == "gsub") {
      if (a.size() < 2) throw AwkError{"fatal: " + f + ": requires at least two arguments"};
      return Value::num(substitute(a[0], eval(a[1]), a.size() > 2 ? a[2] : nullptr, f == "gsub"));
    }
    if (f == "match") {
      const std::string s = to_str(arg(0));
      std::smatch m;
      if (std::regex_search(s, m, *dynamic_regex(a.at(1)))) {
        vars_["RSTART"] = Value::num(static_cast<double>(m.position(0) + 1));
        vars_["RLENGTH"] = Value::num(static_cast<double>(m.length(0)));
      } else {
        vars_["RSTART"] = Value::num(0);
        vars_["RLENGTH"] = Value::num(-1);
      }
      return vars_["RSTART"];
    }
    if (f == "split") {
      if (a.size() < 2 || a[1]->k != Node::K::Var) throw AwkError{"fatal: split: second argument is not an array"};
      const std::string s = to_str(arg(0));
      auto& arr = arrays_[a[1]->text];
      arr.clear();
      const std::string saved = fields_[0];
      const Value saved_fs = vars_["FS"];
      const Value saved_nf = vars_["NF"];
      auto saved_fields = fields_;
      if (a.size() > 2) vars_["FS"] = eval(a[2]);
      set_record(s);
      for (std::size_t i = 1; i < fields_.size(); ++i) arr[std::to_string(i)] = Value::strnum(fields_[i]);
      const double count = static_cast<double>(fields_.size() - 1);
      fields_ = saved_fields;
      vars_["FS"] = saved_fs;
      vars_["NF"] = saved_nf;
      return Value::num(count);
    }
    throw AwkError{"fatal: function `" + f + "' not defined"};
  }

  Value eval(const NodeP& n) {
    switch (n->k) {
      case Node::K::Num: return Value::num(n->num);
      case Node::K::Str: return Value::str(n->text);
      case Node::K::Regex: return Value::num(std::regex_search(fields_[0], *n->re) ? 1 : 0);
      case Node::K::Group: return eval(n->kids[0]);
      case Node::K::Var: {
        if (n->text == "NF") return vars_["NF"];
        auto it = vars_.find(n->text);
        return it == vars_.end() ? Value{} : it->second;
      }
      case Node::K::Field: return field(static_cast<long>(to_num(eval(n->kids[0]))));
      case Node::K::Index: return arrays_[n->text][to_str(eval(n->kids[0]))];
      case Node::K::Assign: {
        Value v = eval(n->kids[1]);
        if (n->text != "=") {
          const double x = to_num(eval(n->kids[0])), y = to_num(v);
          const char op = n->text[0];
          if ((op == '/' || op == '%') && y == 0) throw AwkError{"fatal: division by zero attempted"};
          v = Value::num(op == '+' ? x + y : op == '-' ? x - y : op == '*' ? x * y : op == '/' ? x / y : op == '%' ? std::fmod(x, y) : std::pow(x, y));
        }
        if (v.kind == Value::Kind::Uninit) v = Value::str("");
        assign(n->kids[0], v);
        return v;
      }
      case Node::K::Cond: return to_bool(eval(n->kids[0])) ? eval(n->kids[1]) : eval(n->kids[2]);
      case Node::K::Or: return Value::num(to_bool(eval(n->kids[0])) || to_bool(eval(n->kids[1])));
      case Node::K::And: return Value::num(to_bool(eval(n->kids[0])) && to_bool(eval(n->kids[1])));
      case Node::K::In: {
        auto& arr = arrays_[n->text];
        return Value::num(arr.count(to_str(eval(n->kids[0]))) ? 1 : 0);
      }
      case Node::K::Match: {
        const std::string s = to_str(eval(n->kids[0]));
        const bool hit = std::regex_search(s, *dynamic_regex(n->kids[1]));
        return Value::num(hit != (n->text == "!~"));
      }
      case Node::K::Binary: {
        const Value a = eval(n->kids[0]), b = eval(n->kids[1]);
        const std::string& op = n->text;
        if (op == "<") return Value::num(compare(a, b) < 0);
        if (op == "<=") return Value::num(compare(a, b) <= 0);
        if (op == ">") return Value::num(compare(a, b) > 0);
        if (op == ">=") return Value::num(compare(a, b) >= 0);
        if (op == "==") return Value::num(compare(a, b) == 0);
        if (op == "!=") return Value::num(compare(a, b) != 0);
        const double x = to_num(a), y = to_num(b);
        if ((op == "/" || op == "%") && y == 0) throw AwkError{"fatal: division by zero attempted"};
        if (op == "+") return Value::num(x + y);
        if (op == "-") return Value::num(x - y);
        if (op == "*") return Value::num(x * y);
        if (op == "/") return Value::num(x / y);
        if (op == "%") return Value::num(std::fmod(x, y));
        return Value::num(std::pow(x, y));
      }
      case Node::K::Concat: return Value::str(to_str(eval(n->kids[0])) + to_str(eval(n->kids[1])));
      case Node::K::Not: return Value::num(!to_bool(eval(n->kids[0])));
      case Node::K::Neg: return Value::num(-to_num(eval(n->kids[0])));
      case Node::K::Plus: return Value::num(to_num(eval(n->kids[0])));
      case Node::K::PreInc: {
        const double v = to_num(eval(n->kids[0])) + (n->text == "++" ? 1 : -1);
        assign(n->kids[0], Value::num(v));
        return Value::num(v);
      }
      case Node::K::PostInc: {
        const double v = to_num(eval(n->kids[0]));
        assign(n->kids[0], Value::num(v + (n->text == "++" ? 1 : -1)));
        return Value::num(v);
      }
      case Node::K::Call: return call(n);
      default: throw AwkError{"fatal: not an expression"};
    }
  }

  void output(const NodeP& n, const std::string& text) {
    if (n->text.empty()) {
      out_ += text;
      return;
    }
    const std::string path = to_str(eval(n->kids[0]));
    if (!opened_.count(path)) {
      opened_.insert(path);
      if (n->text == ">") {
        if (auto err = inv_.fs().write(path, "", false); !err.empty())
          throw AwkError{"fatal: can't redirect to `" + path + "' (" + err + ")"};
      }
    }
    files_[path] += text;
  }

  void exec(const NodeP& n) {
    switch (n->k) {
      case Node::K::Block:
        for (const auto& k : n->kids) exec(k);
        break;
      case Node::K::Expr: eval(n->kids[0]); break;
      case Node::K::Print: {
        const std::size_t first = n->text.empty() ? 0 : 1;
        std::string line;
        if (n->kids.size() == first) {
          line = fields_[0];
        } else {
          const std::string ofs = to_str(vars_["OFS"]);
          for (std::size_t i = first; i < n->kids.size(); ++i) {
            const Value v = eval(n->kids[i]);
            line += (i > first ? ofs : "") + (v.kind == Value::Kind::Num ? num_to_string(v.n, "%.6g") : to_str(v));
          }
        }
        output(n, line + to_str(vars_["ORS"]));
        break;
      }
      case Node::K::Printf: {
        const std::size_t first = n->text.empty() ? 0 : 1;
        if (n->kids.size() <= first) throw AwkError{"fatal: printf: no format"};
        std::vector<Value> vals;
        for (std::size_t i = first + 1; i < n->kids.size(); ++i) vals.push_back(eval(n->kids[i]));
        output(n, format(to_str(eval(n->kids[first])), vals));
        break;
      }
      case Node::K::If:
        if (to_bool(eval(n->kids[0]))) exec(n->kids[1]);
        else if (n->kids.size() > 2) exec(n->kids[2]);
        break;
      case Node::K::While:
        while (to_bool(eval(n->kids[0]))) {
          try {
            exec(n->kids[1]);
          } catch (const BreakLoop&) {
            break;
          } catch (const ContinueLoop&) {
          }
        }
        break;
      case Node::K::Do:
        do {
          try {
            exec(n->kids[0]);
          } catch (const BreakLoop&) {
            break;
          } catch (const ContinueLoop&) {
          }
        } while (to_bool(eval(n->kids[1])));
        break;
      case Node::K::For:
        if (n->kids[0]) exec(n->kids[0]);
        while (!n->kids[1] || to_bool(eval(n->kids[1]))) {
          try {
            exec(n->kids[3]);
          } catch (const BreakLoop&) {
            break;
          } catch (const ContinueLoop&) {
          }
          if (n->kids[2]) exec(n->kids[2]);
        }
        break;
      case Node::K::ForIn: {
        std::vector<std::string> keys;
        for (const auto& [k, v] : arrays_[n->kids[0]->text]) keys.push_back(k);
        for (const auto& k : keys) {
          vars_[n->text] = Value::strnum(k);
          try {
            exec(n->kids[1]);
          } catch (const BreakLoop&) {
            break;
          } catch (const ContinueLoop&) {
          }
        }
        break;
      }
      case Node::K::Next: throw NextRecord{};
      case Node::K::Exit:
        if (!n->kids.empty()) exit_code_ = static_cast<int>(to_num(eval(n->kids[0])));
        throw ExitProgram{};
      case Node::K::Break: throw BreakLoop{};
      case Node::K::Continue: throw ContinueLoop{};
      case Node::K::Delete:
        if (n->kids.empty()) arrays_.erase(n->text);
        else arrays_[n->text].erase(to_str(eval(n->kids[0])));
        break;
      default: eval(n);
    }
  }

  Invocation& inv_;
  std::vector<Item> items_;
  std::map<std::string, Value> vars_;
  std::map<std::string, std::map<std::string, Value>> arrays_;
  std::map<std::string, std::shared_ptr<std::regex>> regex_cache_;
  std::vector<std::string> fields_ = {""};
  std::string out_;
  std::map<std::string, std::string> files_;
  std::set<std::string> opened_;
  int exit_code_ = 0;
};

int awk(Invocation& inv) {
  std::string program, fs;
  bool have_program = false;
  std::vector<std::pair<std::string, std::string>> assigns;
  std::vector<std::string> files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (!have_program && a.rfind("-F", 0) == 0) {
      fs = a.size() > 2 ? a.substr(2) : (i + 1 < inv.argv.size() ? inv.argv[++i] : "");
      if (fs == "t") fs = "\t";
      for (std::size_t k = 0; k + 1 < fs.size(); ++k)
        if (fs[k] == '\\' && fs[k + 1] == 't') fs.replace(k, 2, "\t");
    } else if (!have_program && a.rfind("-v", 0) == 0) {
      const std::string v = a.size() > 2 ? a.substr(2) : (i + 1 < inv.argv.size() ? inv.argv[++i] : "");
      auto eq = v.find('=');
      if (eq == std::string::npos) return inv.fail("awk: fatal: `" + v + "' is not a legal variable name\n", 2);
      assigns.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (!have_program && a.rfind("-f", 0) == 0) {
      const std::string file = a.size() > 2 ? a.substr(2) : (i + 1 < inv.argv.size() ? inv.argv[++i] : "");
      auto rd = inv.fs().read(file);
      if (!rd.data) return inv.fail("awk: fatal: can't open source file `" + file + "' for reading: " + rd.error + "\n", 2);
      program = *rd.data;
      have_program = true;
    } else if (!have_program && a == "--") {
      continue;
    } else if (!have_program) {
      program = a;
      have_program = true;
    } else {
      files.push_back(a);
    }
  }
  if (!have_program)
    return inv.fail("Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] 'program' file ...\n", 2);
  std::vector<Item> items;
  try {
    items = Parser(Lexer(program).run()).program();
  } catch (const AwkError& e) {
    return inv.fail("awk: cmd. line:1: " + e.message + "\n", 2);
  }
  Awk machine(inv, std::move(items));
  if (!fs.empty()) machine.set_var("FS", fs);
  for (const auto& [k, v] : assigns) machine.set_var(k, v);
  try {
    return machine.run(files);
  } catch (const AwkError& e) {
    machine.flush();
    return inv.fail("awk: cmd. line:1: " + e.message + "\n", 2);
  }
}

}  // namespace

void register_awk(CommandTable& t) {
  t["awk"] = {awk, "/usr/bin/awk"};
  t["gawk"] = {awk, "/usr/bin/gawk"};
}

}  // namespace kt::term
