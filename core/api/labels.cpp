// Label selectors. Sections:
//   1. small helpers (Go quoting, ParseInt, field paths)
//   2. requirements: NewRequirement's checks, Matches, String
//   3. the lexer and the recursive-descent parser of selector.go
//   4. LabelSelector, metav1.LabelSelector conversion and formatting
//   5. validation (metav1validation)
#include "core/api/labels.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>

#include "core/api/validation_names.h"
#include "core/util/go_quote.h"
#include "core/util/strings.h"

namespace kt::api {
namespace {

// ---- 1. helpers -------------------------------------------------------------

using util::go_quote;

// Go's %#v of a []string: []string{"a", "b"}, []string{} or []string(nil).
std::string go_string_slice(const std::vector<std::string>& v, bool is_nil) {
  if (is_nil && v.empty()) return "[]string(nil)";
  std::string out = "[]string{";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + go_quote(v[i]);
  return out + "}";
}

// strconv.ParseInt(s, 10, 64).
std::optional<std::int64_t> parse_int64(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  const std::uint64_t limit = neg ? (std::uint64_t{1} << 63) : (std::uint64_t{1} << 63) - 1;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (limit - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  if (neg) return v == (std::uint64_t{1} << 63) ? INT64_MIN : -static_cast<std::int64_t>(v);
  return static_cast<std::int64_t>(v);
}

std::string child(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

// Looks a label up the way labels.Set.Lookup does; non-string values print bare.
std::optional<std::string> lookup(const Json& labels, const std::string& key) {
  if (!labels.is_object()) return std::nullopt;
  auto it = labels.find(key);
  if (it == labels.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::string label_value_text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// ---- 2. requirements --------------------------------------------------------

// field.Error.Error() for an Invalid value: "<path>: Invalid value: <value>: <detail>".
std::string invalid(const std::string& path, const std::string& value_repr, const std::string& detail) {
  return path + ": Invalid value: " + value_repr + ": " + detail;
}

using util::join;

// utilerrors.NewAggregate(errs).Error(): one error as is, several de-duplicated in [a, b].
std::string aggregate(const std::vector<std::string>& errs) {
  if (errs.size() == 1) return errs[0];
  std::vector<std::string> seen;
  for (const auto& e : errs)
    if (std::find(seen.begin(), seen.end(), e) == seen.end()) seen.push_back(e);
  if (seen.size() == 1) return seen[0];
  return "[" + join(seen, ", ") + "]";
}

// labels.NewRequirement with a nil field path: throws std::invalid_argument with the
// aggregated error. `values_nil` says the Go slice was nil (prints []string(nil)).
LabelRequirement new_requirement(std::string key, LabelOp op, std::vector<std::string> values, bool values_nil) {
  std::vector<std::string> errs;
  if (auto kerrs = is_qualified_name(key); !kerrs.empty()) errs.push_back(invalid("key", go_quote(key), join(kerrs, "; ")));
  const std::string values_repr = go_string_slice(values, values_nil);
  switch (op) {
    case LabelOp::In:
    case LabelOp::NotIn:
      if (values.empty()) errs.push_back(invalid("values", values_repr, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case LabelOp::Equals:
    case LabelOp::DoubleEquals:
    case LabelOp::NotEquals:
      if (values.size() != 1) errs.push_back(invalid("values", values_repr, "exact-match compatibility requires one single value"));
      break;
    case LabelOp::Exists:
    case LabelOp::DoesNotExist:
      if (!values.empty()) errs.push_back(invalid("values", values_repr, "values set must be empty for exists and does not exist"));
      break;
    case LabelOp::GreaterThan:
    case LabelOp::LessThan:
      if (values.size() != 1) errs.push_back(invalid("values", values_repr, "for 'Gt', 'Lt' operators, exactly one value is required"));
      for (std::size_t i = 0; i < values.size(); ++i)
        if (!parse_int64(values[i]))
          errs.push_back(invalid("values[" + std::to_string(i) + "]", go_quote(values[i]),
                                 "for 'Gt', 'Lt' operators, the value must be an integer"));
      break;
  }
  for (std::size_t i = 0; i < values.size(); ++i)
    if (auto verrs = is_valid_label_value(values[i]); !verrs.empty())
      errs.push_back(invalid("values[" + std::to_string(i) + "][" + key + "]", go_quote(values[i]), join(verrs, "; ")));
  if (!errs.empty()) throw std::invalid_argument(aggregate(errs));
  return LabelRequirement{std::move(key), op, std::move(values)};
}

// ---- 3. lexer and parser ----------------------------------------------------

enum class Tok { Error, EndOfString, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier,
                 In, LessThan, NotEquals, NotIn, OpenPar };

std::optional<Tok> literal_token(std::string_view s) {
  if (s == ")") return Tok::ClosedPar;
  if (s == ",") return Tok::Comma;
  if (s == "!") return Tok::DoesNotExist;
  if (s == "==") return Tok::DoubleEquals;
  if (s == "=") return Tok::Equals;
  if (s == ">") return Tok::GreaterThan;
  if (s == "in") return Tok::In;
  if (s == "<") return Tok::LessThan;
  if (s == "!=") return Tok::NotEquals;
  if (s == "notin") return Tok::NotIn;
  if (s == "(") return Tok::OpenPar;
  return std::nullopt;
}

bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_special(char c) {
  return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

struct Item {
  Tok tok;
  std::string lit;
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Item lex() {
    char ch = read();
    while (is_whitespace(ch)) ch = read();
    if (ch == 0) return {Tok::EndOfString, ""};
    unread();
    return is_special(ch) ? scan_special() : scan_id_or_keyword();
  }

 private:
  // Like Go's Lexer.read: 0 at the end (and the position stays there).
  char read() { return pos_ < s_.size() ? s_[pos_++] : '\0'; }
  void unread() { --pos_; }

  Item scan_id_or_keyword() {
    std::string buf;
    while (true) {
      char ch = read();
      if (ch == 0) break;
      if (is_special(ch) || is_whitespace(ch)) {
        unread();
        break;
      }
      buf += ch;
    }
    if (auto t = literal_token(buf)) return {*t, buf};
    return {Tok::Identifier, buf};
  }

  // The longest run of special symbols that still forms an operator ("!=" not "!" "=").
  Item scan_special() {
    std::optional<Item> last;
    std::string buf;
    while (true) {
      char ch = read();
      if (ch == 0) break;
      if (!is_special(ch)) {
        unread();
        break;
      }
      buf += ch;
      if (auto t = literal_token(buf)) {
        last = Item{*t, buf};
      } else if (last) {
        unread();
        break;
      }
    }
    if (!last) return {Tok::Error, "error expected: keyword found '" + buf + "'"};
    return *last;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

enum class Context { KeyAndOperator, Values };

class Parser {
 public:
  explicit Parser(std::string_view s) {
    Lexer l(s);
    while (true) {
      items_.push_back(l.lex());
      if (items_.back().tok == Tok::EndOfString) break;
    }
  }

  std::vector<LabelRequirement> parse() {
    std::vector<LabelRequirement> reqs;
    while (true) {
      auto [tok, lit] = lookahead(Context::Values);
      switch (tok) {
        case Tok::Identifier:
        case Tok::DoesNotExist: {
          try {
            reqs.push_back(parse_requirement());
          } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("unable to parse requirement: ") + e.what());
          }
          auto [t, l] = consume(Context::Values);
          if (t == Tok::EndOfString) return reqs;
          if (t == Tok::Comma) {
            auto [t2, l2] = lookahead(Context::Values);
            if (t2 != Tok::Identifier && t2 != Tok::DoesNotExist)
              throw std::invalid_argument("found '" + l2 + "', expected: identifier after ','");
            break;
          }
          throw std::invalid_argument("found '" + l + "', expected: ',' or 'end of string'");
        }
        case Tok::EndOfString:
          return reqs;
        default:
          throw std::invalid_argument("found '" + lit + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

 private:
  static Tok in_context(Tok t, Context c) {
    if (c == Context::Values && (t == Tok::In || t == Tok::NotIn)) return Tok::Identifier;
    return t;
  }
  Item lookahead(Context c) const {
    const Item& it = items_[std::min(pos_, items_.size() - 1)];
    return {in_context(it.tok, c), it.lit};
  }
  Item consume(Context c) {
    Item it = lookahead(c);
    ++pos_;
    return it;
  }

  LabelRequirement parse_requirement() {
    auto [key, op] = parse_key_and_infer_operator();
    if (op == LabelOp::Exists || op == LabelOp::DoesNotExist) return new_requirement(key, *op, {}, false);
    LabelOp bop = parse_operator();
    std::set<std::string> values;  // sets.String: sorted, unique
    if (bop == LabelOp::In || bop == LabelOp::NotIn) {
      values = parse_values();
    } else {
      values = parse_exact_value();
    }
    return new_requirement(key, bop, std::vector<std::string>(values.begin(), values.end()), false);
  }

  struct KeyOp {
    std::string key;
    std::optional<LabelOp> op;
  };
  KeyOp parse_key_and_infer_operator() {
    std::optional<LabelOp> op;
    Item it = consume(Context::Values);
    if (it.tok == Tok::DoesNotExist) {
      op = LabelOp::DoesNotExist;
      it = consume(Context::Values);
    }
    const std::string& lit = it.lit;
    if (it.tok != Tok::Identifier) throw std::invalid_argument("found '" + lit + "', expected: identifier");
    // validateLabelKey with the parser's nil path: the field prints as <nil>.
    if (auto errs = is_qualified_name(lit); !errs.empty())
      throw std::invalid_argument(invalid("<nil>", go_quote(lit), join(errs, "; ")));
    auto next = lookahead(Context::Values).tok;
    if ((next == Tok::EndOfString || next == Tok::Comma) && op != LabelOp::DoesNotExist) op = LabelOp::Exists;
    return {lit, op};
  }

  LabelOp parse_operator() {
    auto [tok, lit] = consume(Context::KeyAndOperator);
    switch (tok) {
      case Tok::In: return LabelOp::In;
      case Tok::Equals: return LabelOp::Equals;
      case Tok::DoubleEquals: return LabelOp::DoubleEquals;
      case Tok::GreaterThan: return LabelOp::GreaterThan;
      case Tok::LessThan: return LabelOp::LessThan;
      case Tok::NotIn: return LabelOp::NotIn;
      case Tok::NotEquals: return LabelOp::NotEquals;
      default:
        throw std::invalid_argument("found '" + lit + "', expected: in, notin, =, ==, !=, gt, lt");
    }
  }

  std::set<std::string> parse_values() {
    Item open = consume(Context::Values);
    if (open.tok != Tok::OpenPar) throw std::invalid_argument("found '" + open.lit + "' expected: '('");
    const auto [tok, lit] = lookahead(Context::Values);
    switch (tok) {
      case Tok::Identifier:
      case Tok::Comma: {
        auto s = parse_identifiers_list();
        if (consume(Context::Values).tok != Tok::ClosedPar)
          throw std::invalid_argument("found '" + lit + "', expected: ')'");
        return s;
      }
      case Tok::ClosedPar:  // "()" is the empty value
        consume(Context::Values);
        return {""};
      default:
        throw std::invalid_argument("found '" + lit + "', expected: ',', ')' or identifier");
    }
  }

  std::set<std::string> parse_identifiers_list() {
    std::set<std::string> s;
    while (true) {
      auto [tok, lit] = consume(Context::Values);
      switch (tok) {
        case Tok::Identifier: {
          s.insert(lit);
          auto [tok2, lit2] = lookahead(Context::Values);
          if (tok2 == Tok::Comma) continue;
          if (tok2 == Tok::ClosedPar) return s;
          throw std::invalid_argument("found '" + lit2 + "', expected: ',' or ')'");
        }
        case Tok::Comma: {  // "(," ",," and ",)" each stand for an empty value
          if (s.empty()) s.insert("");
          auto tok2 = lookahead(Context::Values).tok;
          if (tok2 == Tok::ClosedPar) {
            s.insert("");
            return s;
          }
          if (tok2 == Tok::Comma) s.insert("");
          break;
        }
        default:
          throw std::invalid_argument("found '" + lit + "', expected: ',', or identifier");
      }
    }
  }

  std::set<std::string> parse_exact_value() {
    auto tok = lookahead(Context::Values).tok;
    if (tok == Tok::EndOfString || tok == Tok::Comma) return {""};
    auto [t, lit] = consume(Context::Values);
    if (t == Tok::Identifier) return {lit};
    throw std::invalid_argument("found '" + lit + "', expected: identifier");
  }

  std::vector<Item> items_;
  std::size_t pos_ = 0;
};

void sort_by_key(std::vector<LabelRequirement>& reqs) {
  std::stable_sort(reqs.begin(), reqs.end(),
                   [](const LabelRequirement& a, const LabelRequirement& b) { return a.key < b.key; });
}

}  // namespace

// ---- 2 (cont.). LabelRequirement ----------------------------------------------

bool LabelRequirement::matches(const Json& labels) const {
  auto has_value = [&](const std::string& v) { return std::find(values.begin(), values.end(), v) != values.end(); };
  switch (op) {
    case LabelOp::In:
    case LabelOp::Equals:
    case LabelOp::DoubleEquals: {
      auto v = lookup(labels, key);
      return v && has_value(*v);
    }
    case LabelOp::NotIn:
    case LabelOp::NotEquals: {
      auto v = lookup(labels, key);
      return !v || !has_value(*v);
    }
    case LabelOp::Exists: return lookup(labels, key).has_value();
    case LabelOp::DoesNotExist: return !lookup(labels, key).has_value();
    case LabelOp::GreaterThan:
    case LabelOp::LessThan: {
      auto v = lookup(labels, key);
      if (!v || values.size() != 1) return false;
      auto have = parse_int64(*v);
      auto want = parse_int64(values[0]);
      if (!have || !want) return false;
      return op == LabelOp::GreaterThan ? *have > *want : *have < *want;
    }
  }
  return false;
}

std::string LabelRequirement::to_string() const {
  std::string s;
  if (op == LabelOp::DoesNotExist) s += "!";
  s += key;
  switch (op) {
    case LabelOp::Equals: s += "="; break;
    case LabelOp::DoubleEquals: s += "=="; break;
    case LabelOp::NotEquals: s += "!="; break;
    case LabelOp::In: s += " in "; break;
    case LabelOp::NotIn: s += " notin "; break;
    case LabelOp::GreaterThan: s += ">"; break;
    case LabelOp::LessThan: s += "<"; break;
    case LabelOp::Exists:
    case LabelOp::DoesNotExist: return s;
  }
  const bool set_op = op == LabelOp::In || op == LabelOp::NotIn;
  if (set_op) s += "(";
  if (values.size() == 1) {
    s += values[0];
  } else {
    std::vector<std::string> sorted = values;  // printed sorted, stored as given
    std::sort(sorted.begin(), sorted.end());
    s += join(sorted, ",");
  }
  if (set_op) s += ")";
  return s;
}

// ---- 4. LabelSelector ---------------------------------------------------------

LabelSelector LabelSelector::nothing() {
  LabelSelector s;
  s.nothing_ = true;
  return s;
}

LabelSelector LabelSelector::parse(std::string_view selector) {
  LabelSelector s;
  s.reqs_ = Parser(selector).parse();
  sort_by_key(s.reqs_);
  return s;
}

LabelSelector LabelSelector::from_json(const Json& ps) {
  if (ps.is_null()) return nothing();
  if (!ps.is_object()) throw std::invalid_argument("label selector must be an object");
  static const Json empty_obj = Json::object();
  static const Json empty_arr = Json::array();
  const Json& ml = ps.contains("matchLabels") && ps["matchLabels"].is_object() ? ps["matchLabels"] : empty_obj;
  const Json& me = ps.contains("matchExpressions") && ps["matchExpressions"].is_array() ? ps["matchExpressions"] : empty_arr;
  if (ml.empty() && me.empty()) return everything();
  std::vector<LabelRequirement> reqs;
  for (auto it = ml.begin(); it != ml.end(); ++it)
    reqs.push_back(new_requirement(it.key(), LabelOp::Equals, {label_value_text(*it)}, false));
  for (const auto& expr : me) {
    std::string opname = expr.contains("operator") && expr["operator"].is_string() ? expr["operator"].get<std::string>() : "";
    LabelOp op;
    if (opname == "In") op = LabelOp::In;
    else if (opname == "NotIn") op = LabelOp::NotIn;
    else if (opname == "Exists") op = LabelOp::Exists;
    else if (opname == "DoesNotExist") op = LabelOp::DoesNotExist;
    else throw std::invalid_argument(go_quote(opname) + " is not a valid label selector operator");
    std::vector<std::string> values;
    if (expr.contains("values") && expr["values"].is_array())
      for (const auto& v : expr["values"]) values.push_back(label_value_text(v));
    std::string key = expr.contains("key") && expr["key"].is_string() ? expr["key"].get<std::string>() : "";
    reqs.push_back(new_requirement(std::move(key), op, std::move(values), true));
  }
  return everything().add(std::move(reqs));
}

LabelSelector LabelSelector::from_set(const Json& labels) {
  LabelSelector s;
  if (!labels.is_object()) return s;
  for (auto it = labels.begin(); it != labels.end(); ++it)
    s.reqs_.push_back(LabelRequirement{it.key(), LabelOp::Equals, {label_value_text(*it)}});
  sort_by_key(s.reqs_);
  return s;
}

bool LabelSelector::matches(const Json& labels) const {
  if (nothing_) return false;
  for (const auto& r : reqs_)
    if (!r.matches(labels)) return false;
  return true;
}

std::string LabelSelector::to_string() const {
  std::string out;
  for (std::size_t i = 0; i < reqs_.size(); ++i) out += (i ? "," : "") + reqs_[i].to_string();
  return out;
}

std::optional<std::string> LabelSelector::requires_exact_match(std::string_view label) const {
  for (const auto& r : reqs_) {
    if (r.key != label) continue;
    if ((r.op == LabelOp::Equals || r.op == LabelOp::DoubleEquals || r.op == LabelOp::In) && r.values.size() == 1)
      return r.values[0];
    return std::nullopt;
  }
  return std::nullopt;
}

LabelSelector LabelSelector::add(std::vector<LabelRequirement> more) const {
  if (nothing_) return *this;
  LabelSelector s = *this;
  for (auto& r : more) s.reqs_.push_back(std::move(r));
  sort_by_key(s.reqs_);
  return s;
}

std::string format_label_selector(const Json& ps) {
  std::string s;
  try {
    s = LabelSelector::from_json(ps).to_string();
  } catch (const std::invalid_argument&) {
    return "<error>";
  }
  return s.empty() ? "<none>" : s;
}

std::string format_labels(const Json& labels) {
  std::string out;
  if (labels.is_object())
    for (auto it = labels.begin(); it != labels.end(); ++it)
      out += (out.empty() ? "" : ",") + it.key() + "=" + label_value_text(*it);
  return out.empty() ? "<none>" : out;
}

// ---- 5. validation --------------------------------------------------------------

FieldErrors validate_label_name(std::string_view name, const std::string& path) {
  FieldErrors errs;
  for (auto& msg : is_qualified_name(name)) errs.push_back(FieldError::invalid(path, std::string(name), msg));
  return errs;
}

FieldErrors validate_labels(const Json& labels, std::string_view path) {
  FieldErrors errs;
  const auto* members = labels.get_ptr<const Json::object_t*>();
  if (!members) return errs;
  for (const auto& [key, value] : *members) {
    // Most labels are plain names with plain values: no error list is built for them.
    if (const auto* text = value.get_ptr<const std::string*>();
        text && is_plain_name_part(key) && (text->empty() || is_plain_name_part(*text)))
      continue;
    const std::string where(path);
    for (auto& e : validate_label_name(key, where)) errs.push_back(std::move(e));
    std::string v = label_value_text(value);
    for (auto& msg : is_valid_label_value(v)) errs.push_back(FieldError::invalid(where, v, msg));
  }
  return errs;
}

FieldErrors validate_label_selector(const Json& ps, const std::string& path) {
  FieldErrors errs;
  if (!ps.is_object()) return errs;
  if (ps.contains("matchLabels"))
    for (auto& e : validate_labels(ps["matchLabels"], child(path, "matchLabels"))) errs.push_back(std::move(e));
  if (!ps.contains("matchExpressions") || !ps["matchExpressions"].is_array()) return errs;
  const Json& exprs = ps["matchExpressions"];
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    const Json& sr = exprs[i];
    const std::string p = child(path, "matchExpressions") + "[" + std::to_string(i) + "]";
    const Json values = sr.contains("values") && sr["values"].is_array() ? sr["values"] : Json::array();
    const Json op = sr.contains("operator") ? sr["operator"] : Json("");
    const std::string opname = op.is_string() ? op.get<std::string>() : "";
    if (opname == "In" || opname == "NotIn") {
      if (values.empty())
        errs.push_back(FieldError::required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (opname == "Exists" || opname == "DoesNotExist") {
      if (!values.empty())
        errs.push_back(
            FieldError::forbidden(p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push_back(FieldError::invalid(p + ".operator", op.is_null() ? Json("") : op, "not a valid selector operator"));
    }
    std::string key = sr.contains("key") && sr["key"].is_string() ? sr["key"].get<std::string>() : "";
    for (auto& e : validate_label_name(key, p + ".key")) errs.push_back(std::move(e));
    for (std::size_t j = 0; j < values.size(); ++j) {
      std::string v = label_value_text(values[j]);
      for (auto& msg : is_valid_label_value(v))
        errs.push_back(FieldError::invalid(p + ".values[" + std::to_string(j) + "]", v, msg));
    }
  }
  return errs;
}

}  // namespace kt::api
