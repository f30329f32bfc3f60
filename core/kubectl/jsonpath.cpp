// client-go's jsonpath: a parser into nodes and an evaluator over decoded JSON.
//
// Sections: 1. nodes  2. parser  3. evaluation  4. printing values as Go does.
#include "core/kubectl/jsonpath.h"

#include <cctype>
#include <algorithm>
#include <regex>

#include "core/api/yaml.h"
#include "core/util/go_quote.h"

namespace kt::kubectl {

// ---- 1. nodes ----------------------------------------------------------------------

struct JsonPath::Node {
  enum class Type { Text, List, Field, Wildcard, Recursive, Array, Filter, Union, Range, End, Literal };
  Type type = Type::Text;
  std::string text;                      // Text: the text; Field: the key; Filter: the operator
  Json literal;                          // Literal: a number or boolean
  std::vector<std::shared_ptr<Node>> children;  // List: its nodes; Union: one List each; Filter: left, right
  struct Param {
    std::int64_t value = 0;
    bool known = false;
    bool derived = false;
  };
  Param params[3];  // Array: start, end, step
  // Range: the nodes of its body (parsed until the matching {end}).
  std::vector<std::shared_ptr<Node>> body;
};

namespace {

using Node = JsonPath::Node;
using NodePtr = std::shared_ptr<Node>;
using Type = Node::Type;

NodePtr make(Type t, std::string text = {}) {
  auto n = std::make_shared<Node>();
  n->type = t;
  n->text = std::move(text);
  return n;
}

// ---- 2. parser ---------------------------------------------------------------------

bool is_terminator(char c) { return c == ' ' || c == '.' || c == '[' || c == ']' || c == '}' || c == '(' || c == ')' || c == ','; }

class Parser {
 public:
  explicit Parser(std::string_view s) : text_(s), s_(text_) {}

  // A whole template: text and {actions}.
  std::vector<NodePtr> parse_template() {
    std::vector<NodePtr> out;
    std::string text;
    while (pos_ < s_.size()) {
      if (s_[pos_] == '{') {
        if (!text.empty()) out.push_back(make(Type::Text, std::move(text)));
        text.clear();
        ++pos_;
        out.push_back(parse_action());
      } else {
        text += s_[pos_++];
      }
    }
    if (!text.empty()) out.push_back(make(Type::Text, std::move(text)));
    return out;
  }

  // The inside of one action, up to and including its closing brace.
  NodePtr parse_action() {
    auto list = make(Type::List);
    skip_spaces();
    if (starts("range")) {
      pos_ += 5;
      list->children.push_back(make(Type::Range));
    } else if (starts("end")) {
      pos_ += 3;
      skip_spaces();
      expect_close();
      return make(Type::End);
    }
    parse_inside(*list, true);
    return list;
  }

  // Nodes until '}' (in an action) or the end of input (a sub-expression).
  void parse_inside(Node& list, bool in_braces) {
    while (true) {
      if (pos_ >= s_.size()) {
        if (in_braces) throw JsonPathError("unclosed action");
        return;
      }
      char c = s_[pos_];
      if (in_braces && c == '}') {
        ++pos_;
        return;
      }
      if (c == '\n') throw JsonPathError("unclosed action");
      if (c == ' ' || c == '@' || c == '$') {
        ++pos_;
      } else if (c == '[') {
        parse_array(list);
      } else if (c == '"' || c == '\'') {
        list.children.push_back(make(Type::Text, parse_quote(c)));
      } else if (c == '.') {
        parse_field(list);
      } else if (c == '+' || c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
        parse_number(list);
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        std::size_t start = pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
        std::string id(s_.substr(start, pos_ - start));
        if (id != "true" && id != "false") throw JsonPathError("unrecognized identifier " + id);
        auto n = make(Type::Literal);
        n->literal = id == "true";
        list.children.push_back(n);
      } else {
        throw JsonPathError(std::string("unrecognized character in action: U+") + hex4(c) + " '" + c + "'");
      }
    }
  }

 private:
  static std::string hex4(char c) {
    static const char* h = "0123456789ABCDEF";
    unsigned char u = static_cast<unsigned char>(c);
    return std::string("00") + h[u >> 4] + h[u & 15];
  }
  bool starts(std::string_view w) const { return s_.substr(pos_, w.size()) == w; }
  void skip_spaces() {
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
  }
  void expect_close() {
    if (pos_ >= s_.size() || s_[pos_] != '}') throw JsonPathError("unclosed action");
    ++pos_;
  }

  std::string parse_quote(char q) {
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) throw JsonPathError("unterminated quoted string");
      char c = s_[pos_++];
      if (c == '\\' && pos_ < s_.size()) {
        char e = s_[pos_++];
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          default: out += e;
        }
        continue;
      }
      if (c == q) break;
      out += c;
    }
    return out;
  }

  void parse_field(Node& list) {
    ++pos_;  // '.'
    if (pos_ < s_.size() && s_[pos_] == '.') {
      list.children.push_back(make(Type::Recursive));
      return;  // the next '.'-less name is read as a field below
    }
    if (pos_ < s_.size() && s_[pos_] == '*') {
      ++pos_;
      list.children.push_back(make(Type::Wildcard));
      return;
    }
    std::string name;
    while (pos_ < s_.size() && !is_terminator(s_[pos_])) {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;
      name += s_[pos_++];
    }
    if (!name.empty()) list.children.push_back(make(Type::Field, name));
  }

  void parse_number(Node& list) {
    std::size_t start = pos_++;
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
                                s_[pos_] == 'e' || s_[pos_] == 'E'))
      ++pos_;
    std::string t(s_.substr(start, pos_ - start));
    auto n = make(Type::Literal);
    if (t.find_first_of(".eE") != std::string::npos) n->literal = std::stod(t);
    else n->literal = std::stoll(t);
    list.children.push_back(n);
  }

  void parse_array(Node& list) {
    std::size_t start = ++pos_;
    char quote = 0;
    int parens = 0;
    while (true) {
      if (pos_ >= s_.size() || s_[pos_] == '\n') throw JsonPathError("unterminated array");
      char c = s_[pos_];
      if (quote) {
        if (c == '\\') ++pos_;
        else if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(') {
        ++parens;
      } else if (c == ')') {
        --parens;
      } else if (c == ']' && parens <= 0) {
        break;
      }
      ++pos_;
    }
    std::string text(s_.substr(start, pos_ - start));
    ++pos_;  // ']'
    if (text.size() >= 3 && text.rfind("?(", 0) == 0 && text.back() == ')') {
      list.children.push_back(parse_filter(text.substr(2, text.size() - 3)));
      return;
    }
    if (text == "*") text = ":";
    if (text.find(',') != std::string::npos) {
      auto u = make(Type::Union);
      std::size_t b = 0;
      while (true) {
        auto comma = text.find(',', b);
        std::string part = text.substr(b, comma == std::string::npos ? std::string::npos : comma - b);
        part.erase(0, part.find_first_not_of(' '));
        part.erase(part.find_last_not_of(' ') + 1);
        auto sub = make(Type::List);
        Parser p("[" + part + "]");
        p.parse_inside(*sub, false);
        u->children.push_back(sub);
        if (comma == std::string::npos) break;
        b = comma + 1;
      }
      list.children.push_back(u);
      return;
    }
    if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front()) {
      list.children.push_back(make(Type::Field, text.substr(1, text.size() - 2)));
      return;
    }
    static const std::regex slice(R"(^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$)");
    std::smatch m;
    if (!std::regex_match(text, m, slice)) throw JsonPathError("invalid array index " + text);
    auto a = make(Type::Array);
    for (int i = 0; i < 3; ++i) {
      std::string v = m[i + 1].str();
      if (i > 0 && !v.empty()) v.erase(0, 1);
      if (!v.empty() && v != "-") {
        a->params[i].value = std::stoll(v);
        a->params[i].known = true;
      }
    }
    if (!m[2].matched) {  // [n]: one element
      a->params[1].value = a->params[0].value + 1;
      a->params[1].known = true;
      a->params[1].derived = true;
    }
    list.children.push_back(a);
  }

  NodePtr parse_filter(const std::string& expr) {
    static const std::regex re(R"(^([^!<>=]+)([!<>=]+)(.+?)$)");
    std::smatch m;
    auto f = make(Type::Filter);
    auto left = make(Type::List), right = make(Type::List);
    std::string l = expr, r;
    if (std::regex_match(expr, m, re)) {
      l = m[1].str();
      f->text = m[2].str();
      r = m[3].str();
    } else {
      f->text = "exists";
    }
    Parser pl(l);
    pl.parse_inside(*left, false);
    Parser pr(r);
    pr.parse_inside(*right, false);
    f->children = {left, right};
    return f;
  }

  std::string text_;  // owned: sub-parsers get temporaries
  std::string_view s_;
  std::size_t pos_ = 0;
};

// Nests the nodes between {range ...} and {end} into the range's body.
std::vector<NodePtr> nest(const std::vector<NodePtr>& flat, std::size_t& i, bool in_range) {
  std::vector<NodePtr> out;
  while (i < flat.size()) {
    NodePtr n = flat[i++];
    if (n->type == Type::End) {
      if (!in_range) throw JsonPathError("not in range, nothing to end");
      return out;
    }
    if (n->type == Type::List && !n->children.empty() && n->children[0]->type == Type::Range) {
      n->body = nest(flat, i, true);
    }
    out.push_back(n);
  }
  return out;
}

// ---- 3. evaluation -------------------------------------------------------------------

struct Eval {
  bool allow_missing;

  std::vector<Json> list(const std::vector<Json>& input, const Node& list, std::size_t from = 0) const {
    std::vector<Json> cur = input;
    for (std::size_t i = from; i < list.children.size(); ++i) cur = node(cur, *list.children[i]);
    return cur;
  }

  std::vector<Json> node(const std::vector<Json>& input, const Node& n) const {
    std::vector<Json> out;
    switch (n.type) {
      case Type::Text:
        return {Json(n.text)};
      case Type::Literal:
        return {n.literal};
      case Type::Field:
        for (const auto& v : input) {
          if (!v.is_object()) continue;
          auto it = v.find(n.text);
          if (it != v.end()) out.push_back(*it);
        }
        if (out.empty() && !allow_missing) throw JsonPathError(n.text + " is not found");
        return out;
      case Type::Wildcard:
        for (const auto& v : input)
          if (v.is_object() || v.is_array())
            for (const auto& e : v) out.push_back(e);
        return out;
      case Type::Recursive:
        for (const auto& v : input) recurse(v, out);
        return out;
      case Type::Array:
        for (const auto& v : input) array(v, n, out);
        return out;
      case Type::Union:
        for (const auto& sub : n.children) {
          auto r = list(input, *sub);
          out.insert(out.end(), r.begin(), r.end());
        }
        return out;
      case Type::Filter:
        for (const auto& v : input) filter(v, n, out);
        return out;
      default:
        return input;
    }
  }

  static void recurse(const Json& v, std::vector<Json>& out) {
    if (v.is_null() || !(v.is_object() || v.is_array()) || v.empty()) return;
    out.push_back(v);
    std::vector<Json> kids(v.begin(), v.end());
    for (const auto& k : kids) recurse(k, out);
  }

  static std::string go_type(const Json& v) {
    if (v.is_object()) return "map[string]interface {}";
    if (v.is_string()) return "string";
    if (v.is_boolean()) return "bool";
    if (v.is_number_float()) return "float64";
    return "int64";
  }

  static void array(const Json& v, const Node& n, std::vector<Json>& out) {
    if (v.is_null()) return;
    if (!v.is_array()) throw JsonPathError(go_type(v) + " is not array or slice");
    const auto len = static_cast<std::int64_t>(v.size());
    auto p0 = n.params[0], p1 = n.params[1], p2 = n.params[2];
    if (!p0.known) p0.value = 0;
    if (p0.value < 0) p0.value += len;
    if (!p1.known) p1.value = len;
    if (p1.value < 0 || (p1.value == 0 && p1.derived)) p1.value += len;
    if (p1.value == p0.value) return;
    if (p0.value >= len || p0.value < 0)
      throw JsonPathError("array index out of bounds: index " + std::to_string(p0.value) + ", length " +
                          std::to_string(len));
    if (p1.value > len || p1.value < 0)
      throw JsonPathError("array index out of bounds: index " + std::to_string(p1.value - 1) + ", length " +
                          std::to_string(len));
    if (p0.value > p1.value)
      throw JsonPathError("starting index " + std::to_string(p0.value) + " is greater than ending index " +
                          std::to_string(p1.value));
    std::int64_t step = 1;
    if (p2.known) {
      if (p2.value <= 0) throw JsonPathError("step must be > 0");
      step = p2.value;
    }
    for (std::int64_t i = p0.value; i < p1.value; i += step) out.push_back(v[static_cast<std::size_t>(i)]);
  }

  void filter(const Json& v, const Node& n, std::vector<Json>& out) const {
    if (v.is_null()) return;
    if (!v.is_array()) throw JsonPathError(go_sprint(v) + " is not array or slice and cannot be filtered");
    for (const auto& e : v) {
      auto lefts = list({e}, *n.children[0]);
      if (n.text == "exists") {
        if (!lefts.empty()) out.push_back(e);
        continue;
      }
      if (lefts.empty()) continue;
      if (lefts.size() > 1) throw JsonPathError("can only compare one element at a time");
      auto rights = list({e}, *n.children[1]);
      if (rights.empty()) continue;
      if (rights.size() > 1) throw JsonPathError("can only compare one element at a time");
      if (compare(lefts[0], rights[0], n.text)) out.push_back(e);
    }
  }

  static bool compare(const Json& l, const Json& r, const std::string& op) {
    int c;
    if (l.is_number() && r.is_number()) {
      double a = l.get<double>(), b = r.get<double>();
      c = a < b ? -1 : a > b ? 1 : 0;
    } else if (l.is_string() && r.is_string()) {
      c = l.get<std::string>().compare(r.get<std::string>());
    } else if (l.is_boolean() && r.is_boolean() && (op == "==" || op == "!=")) {
      c = l == r ? 0 : 1;
    } else {
      throw JsonPathError("incompatible types for comparison");
    }
    if (op == "==") return c == 0;
    if (op == "!=") return c != 0;
    if (op == "<") return c < 0;
    if (op == ">") return c > 0;
    if (op == "<=") return c <= 0;
    if (op == ">=") return c >= 0;
    throw JsonPathError("unrecognized filter operator " + op);
  }

  void results(const Json& data, const std::vector<NodePtr>& nodes, std::vector<std::vector<Json>>& out) const {
    for (const auto& n : nodes) {
      if (n->type == Type::Text) {
        out.push_back({Json(n->text)});
        continue;
      }
      const bool is_range = !n->children.empty() && n->children[0]->type == Type::Range;
      auto r = list({data}, *n, is_range ? 1 : 0);
      if (is_range) {
        for (const auto& item : r) results(item, n->body, out);
        continue;
      }
      out.push_back(std::move(r));
    }
  }
};

// ---- 4. printing values as Go does -----------------------------------------------------

std::string number_text(const Json& v) {
  if (v.is_number_float()) return api::go_format_float(v.get<double>(), 'g');
  return v.dump();
}

}  // namespace

JsonPath::JsonPath(std::string_view tmpl) {
  Parser p(tmpl);
  auto flat = p.parse_template();
  std::size_t i = 0;
  nodes_ = nest(flat, i, false);
}
JsonPath::~JsonPath() = default;
JsonPath::JsonPath(JsonPath&&) noexcept = default;

std::vector<std::vector<Json>> JsonPath::find_results(const Json& data) const {
  std::vector<std::vector<Json>> out;
  Eval{allow_missing_}.results(data, nodes_, out);
  return out;
}

std::string JsonPath::execute(const Json& data) const {
  std::string out;
  for (const auto& r : find_results(data)) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      const Json& v = r[i];
      if (v.is_object() || v.is_array()) out += go_json_compact(v);
      else if (v.is_null()) out += "null";
      else out += go_sprint(v);
      if (i + 1 < r.size()) out += ' ';
    }
  }
  return out;
}

std::string relaxed_jsonpath(const std::string& expr) {
  if (expr.empty()) return expr;
  static const std::regex re(R"(^\{\.?([^{}]+)\}$|^\.?([^{}]+)$)");
  std::smatch m;
  if (!std::regex_match(expr, m, re))
    throw JsonPathError(
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or "
        "'{.name1.name2}'");
  return "{." + (m[1].length() ? m[1].str() : m[2].str()) + "}";
}

std::string go_sprint(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "<nil>";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return number_text(v);
  std::string out = v.is_object() ? "map[" : "[";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) out += ' ';
    first = false;
    if (v.is_object()) out += it.key() + ":";
    out += go_sprint(it.value());
  }
  return out + "]";
}

namespace {

using util::go_quote;

}  // namespace

std::string go_sharp_v(const Json& v) {
  if (v.is_string()) return go_quote(v.get<std::string>());
  if (v.is_null()) return "interface {}(nil)";
  if (v.is_boolean() || v.is_number()) return go_sprint(v);
  std::string out = v.is_object() ? "map[string]interface {}{" : "[]interface {}{";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) out += ", ";
    first = false;
    if (v.is_object()) out += go_quote(it.key()) + ":";
    out += go_sharp_v(it.value());
  }
  return out + "}";
}

std::string go_json_compact(const Json& v) {
  // Go's MarshalIndent output with the indentation taken out again: outside strings,
  // the only white space it writes is newlines, indentation and the space after ':'.
  std::string pretty = api::to_json_pretty(v), out;
  bool in_string = false;
  for (std::size_t i = 0; i < pretty.size(); ++i) {
    char c = pretty[i];
    if (in_string) {
      out += c;
      if (c == '\\') out += pretty[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '\n' || c == ' ') continue;
    out += c;
  }
  return out;
}

}  // namespace kt::kubectl
