// A small text/template: tokens → a tree of text, actions, range and if blocks →
// output. Expressions are pipelines of commands; a command is a field chain, a
// string or number literal, or a function (index, len, base64decode, base64encode)
// with arguments.
#include "core/kubectl/go_template.h"

#include <cctype>
#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "core/api/yaml.h"
#include "core/kubectl/jsonpath.h"

namespace kt::kubectl {
namespace {

struct Block {
  enum class Type { Text, Action, Range, If };
  Type type = Type::Text;
  std::string text;  // Text: the text; others: the pipeline
  std::vector<Block> body, else_body;
};

struct Token {
  bool action;
  std::string text;
};

std::vector<Token> tokenize(const std::string& t) {
  std::vector<Token> out;
  std::size_t pos = 0;
  while (pos < t.size()) {
    auto open = t.find("{{", pos);
    if (open == std::string::npos) {
      out.push_back({false, t.substr(pos)});
      break;
    }
    std::string text = t.substr(pos, open - pos);
    auto close = t.find("}}", open + 2);
    if (close == std::string::npos) throw GoTemplateError("template: output:1: unclosed action");
    std::string inner = t.substr(open + 2, close - open - 2);
    bool trim_left = inner.rfind("- ", 0) == 0, trim_right = inner.size() >= 2 && inner.substr(inner.size() - 2) == " -";
    if (trim_left) {
      inner.erase(0, 2);
      text.erase(text.find_last_not_of(" \t\r\n") + 1);
    }
    if (trim_right) inner.erase(inner.size() - 2);
    out.push_back({false, text});
    out.push_back({true, inner});
    pos = close + 2;
    if (trim_right)
      while (pos < t.size() && std::isspace(static_cast<unsigned char>(t[pos]))) ++pos;
  }
  return out;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(' '));
  s.erase(s.find_last_not_of(' ') + 1);
  return s;
}

// Blocks until {{end}} / {{else}} (what ended them is returned in `stop`).
std::vector<Block> parse(const std::vector<Token>& toks, std::size_t& i, std::string& stop) {
  std::vector<Block> out;
  while (i < toks.size()) {
    const Token& t = toks[i++];
    if (!t.action) {
      if (!t.text.empty()) out.push_back({Block::Type::Text, t.text, {}, {}});
      continue;
    }
    std::string a = trim(t.text);
    if (a == "end" || a == "else") {
      stop = a;
      return out;
    }
    if (a.rfind("range ", 0) == 0 || a.rfind("if ", 0) == 0) {
      Block b;
      b.type = a[0] == 'r' ? Block::Type::Range : Block::Type::If;
      b.text = trim(a.substr(a.find(' ')));
      std::string s;
      b.body = parse(toks, i, s);
      if (s == "else") b.else_body = parse(toks, i, s);
      if (s != "end") throw GoTemplateError("template: output:1: unexpected EOF");
      out.push_back(std::move(b));
      continue;
    }
    out.push_back({Block::Type::Action, a, {}, {}});
  }
  stop.clear();
  return out;
}

// Splits a command into words, keeping quoted strings whole.
std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
      ++i;
    } else {
      while (i < s.size() && s[i] != ' ') ++i;
    }
    out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::string unquote(const std::string& q) {
  std::string out;
  for (std::size_t i = 1; i + 1 < q.size(); ++i) {
    if (q[i] == '\\' && i + 2 < q.size()) {
      char e = q[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    } else {
      out += q[i];
    }
  }
  return out;
}

std::string base64_decode(const std::string& in) {
  static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    if (c == '=') break;
    auto p = chars.find(c);
    if (p == std::string::npos) throw GoTemplateError("illegal base64 data");
    val = (val << 6) + static_cast<int>(p);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

std::string base64_encode(const std::string& in) {
  static const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out += chars[(val >> bits) & 0x3F];
      bits -= 6;
    }
  }
  if (bits > -6) out += chars[((val << 8) >> (bits + 8)) & 0x3F];
  while (out.size() % 4) out += '=';
  return out;
}

struct Missing {};  // a value that is not there ("<no value>")

class Exec {
 public:
  explicit Exec(const Json& root) : root_(root) {}

  std::string run(const std::vector<Block>& blocks, const Json& dot) {
    std::string out;
    for (const auto& b : blocks) {
      switch (b.type) {
        case Block::Type::Text:
          out += b.text;
          break;
        case Block::Type::Action: {
          bool missing = false;
          Json v = pipeline(b.text, dot, missing);
          out += missing ? "<no value>" : text(v);
          break;
        }
        case Block::Type::If: {
          bool missing = false;
          Json v = pipeline(b.text, dot, missing);
          out += run(!missing && truth(v) ? b.body : b.else_body, dot);
          break;
        }
        case Block::Type::Range: {
          // {{range $k, $v := pipeline}} / {{range $v := pipeline}} / {{range pipeline}}
          std::string expr = b.text, key_var, value_var;
          auto decl = expr.find(":=");
          if (decl != std::string::npos) {
            std::string vars = trim(expr.substr(0, decl));
            expr = trim(expr.substr(decl + 2));
            auto comma = vars.find(',');
            if (comma == std::string::npos) {
              value_var = vars;
            } else {
              key_var = trim(vars.substr(0, comma));
              value_var = trim(vars.substr(comma + 1));
            }
          }
          bool missing = false;
          Json v = pipeline(expr, dot, missing);
          if (!missing && (v.is_array() || v.is_object()) && !v.empty()) {
            std::size_t index = 0;
            for (auto it = v.begin(); it != v.end(); ++it, ++index) {
              if (!key_var.empty())
                vars_[key_var] = v.is_object() ? Json(it.key()) : Json(static_cast<double>(index));
              if (!value_var.empty()) vars_[value_var] = it.value();
              out += run(b.body, it.value());
            }
          } else {
            out += run(b.else_body, dot);
          }
          break;
        }
      }
    }
    return out;
  }

 private:
  static bool truth(const Json& v) {
    if (v.is_null()) return false;
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number()) return v.get<double>() != 0;
    if (v.is_string() || v.is_array() || v.is_object()) return !v.empty();
    return true;
  }

  static std::string text(const Json& v) {
    if (v.is_number()) return api::go_format_float(v.get<double>(), 'g');
    if (v.is_null()) return "<no value>";
    return go_sprint(v);
  }

  Json field_chain(const std::string& w, const Json& dot, bool& missing) {
    const Json* cur = &dot;
    std::size_t i = 0;
    if (w[0] == '$') {
      // $ is the data given to the template; $name a variable a range declared.
      i = std::min(w.find('.'), w.size());
      std::string var = w.substr(0, i);
      if (var == "$") {
        cur = &root_;
      } else {
        auto it = vars_.find(var);
        if (it == vars_.end()) throw GoTemplateError("template: output:1: undefined variable \"" + var + "\"");
        cur = &it->second;
      }
    }
    while (i < w.size()) {
      if (w[i] != '.') throw GoTemplateError("template: output:1: unexpected \"" + w.substr(i) + "\" in operand");
      auto next = w.find('.', i + 1);
      std::string key = w.substr(i + 1, next == std::string::npos ? std::string::npos : next - i - 1);
      i = next == std::string::npos ? w.size() : next;
      if (key.empty()) continue;
      if (!cur->is_object() || !cur->contains(key)) {
        missing = true;
        return Json();
      }
      cur = &(*cur)[key];
    }
    return *cur;
  }

  Json operand(const std::string& w, const Json& dot, bool& missing) {
    if (w[0] == '"') return unquote(w);
    if (w[0] == '.' || w[0] == '$') return field_chain(w, dot, missing);
    if (std::isdigit(static_cast<unsigned char>(w[0])) || w[0] == '-') return std::stod(w);
    if (w == "true" || w == "false") return w == "true";
    throw GoTemplateError("template: output:1: function \"" + w + "\" not defined");
  }

  Json command(const std::string& cmd, const Json& dot, bool& missing, const Json* piped) {
    auto ws = words(cmd);
    if (ws.empty()) throw GoTemplateError("template: output:1: missing value for command");
    const std::string& f = ws[0];
    std::vector<Json> args;
    for (std::size_t i = 1; i < ws.size(); ++i) args.push_back(operand(ws[i], dot, missing));
    if (piped) args.push_back(*piped);
    if (f == "index") {
      if (args.empty()) throw GoTemplateError("template: output:1: wrong number of args for index: want at least 1 got 0");
      Json cur = args[0];
      for (std::size_t i = 1; i < args.size(); ++i) {
        if (cur.is_object() && args[i].is_string()) {
          auto it = cur.find(args[i].get<std::string>());
          if (it == cur.end()) {
            missing = true;
            return Json();
          }
          cur = *it;
        } else if (cur.is_array() && args[i].is_number()) {
          auto n = static_cast<std::size_t>(args[i].get<double>());
          if (n >= cur.size()) throw GoTemplateError("template: output:1:2: executing \"output\" at <index>: error calling index: index out of range: " + std::to_string(n));
          cur = cur[n];
        } else {
          missing = true;
          return Json();
        }
      }
      return cur;
    }
    if (f == "len") return args.empty() ? Json(0) : Json(static_cast<double>(args[0].size()));
    if (f == "base64decode" || f == "base64encode") {
      if (args.size() != 1 || !args[0].is_string())
        throw GoTemplateError("template: output:1: wrong number of args for " + f + ": want 1 got " + std::to_string(args.size()));
      return f == "base64decode" ? base64_decode(args[0].get<std::string>()) : base64_encode(args[0].get<std::string>());
    }
    if (ws.size() == 1 && !piped) return operand(f, dot, missing);
    throw GoTemplateError("template: output:1: function \"" + f + "\" not defined");
  }

  Json pipeline(const std::string& p, const Json& dot, bool& missing) {
    std::vector<std::string> cmds;
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '"' && (i == 0 || p[i - 1] != '\\')) quoted = !quoted;
      if (p[i] == '|' && !quoted) {
        cmds.push_back(trim(p.substr(start, i - start)));
        start = i + 1;
      }
    }
    cmds.push_back(trim(p.substr(start)));
    Json v;
    for (std::size_t i = 0; i < cmds.size(); ++i) v = command(cmds[i], dot, missing, i ? &v : nullptr);
    return v;
  }

  const Json& root_;
  std::map<std::string, Json> vars_;
};

}  // namespace

std::string execute_go_template(const std::string& tmpl, const Json& data) {
  auto toks = tokenize(tmpl);
  std::size_t i = 0;
  std::string stop;
  auto blocks = parse(toks, i, stop);
  if (!stop.empty()) throw GoTemplateError("template: output:1: unexpected {{" + stop + "}}");
  return Exec(data).run(blocks, data);
}

}  // namespace kt::kubectl
