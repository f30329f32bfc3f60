// The shell's lexer: text → words (quotes kept), operators, redirections and
// here-document bodies. Map:
//   1. skipping quoted and substituted spans ('…', "…", $(…), ${…}, `…`)
//   2. words
//   3. lex(): operators, comments, here-documents read at each newline
#include <algorithm>
#include <cctype>

#include "core/terminal/syntax.h"

namespace kt::term {
namespace {

constexpr std::size_t kOpen = std::string_view::npos;  // the span runs past the input

// ---- 1. spans ---------------------------------------------------------------------
std::size_t skip_span(std::string_view s, std::size_t i);

// From the opening '"' to past its closing one.
std::size_t skip_dquote(std::string_view s, std::size_t i) {
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\') ++j;
    else if (s[j] == '"') return j + 1;
    else if (s[j] == '$' || s[j] == '`') {
      std::size_t e = skip_span(s, j);
      if (e == kOpen) return kOpen;
      j = e - 1;
    }
  }
  return kOpen;
}

// At '$' or '`': past the substitution; at a plain '$' just past it.
std::size_t skip_span(std::string_view s, std::size_t i) {
  if (s[i] == '`') {
    for (std::size_t j = i + 1; j < s.size(); ++j) {
      if (s[j] == '\\') ++j;
      else if (s[j] == '`') return j + 1;
    }
    return kOpen;
  }
  if (i + 1 >= s.size()) return i + 1;
  const char open = s[i + 1];
  if (open != '(' && open != '{') return i + 1;
  const char close = open == '(' ? ')' : '}';
  int depth = 0;
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    const char c = s[j];
    if (c == '\\') {
      ++j;
    } else if (c == '\'') {
      auto e = s.find('\'', j + 1);
      if (e == std::string_view::npos) return kOpen;
      j = e;
    } else if (c == '"') {
      auto e = skip_dquote(s, j);
      if (e == kOpen) return kOpen;
      j = e - 1;
    } else if (c == '`' || (c == '$' && j + 1 < s.size() && (s[j + 1] == '(' || s[j + 1] == '{'))) {
      auto e = skip_span(s, j);
      if (e == kOpen) return kOpen;
      j = e - 1;
    } else if (c == open) {
      ++depth;
    } else if (c == close && --depth == 0) {
      return j + 1;
    }
  }
  return kOpen;
}

bool is_meta(char c) { return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')'; }

// ---- 2. words ---------------------------------------------------------------------
struct WordScan {
  std::string raw;
  std::size_t end = 0;
  bool incomplete = false;
  std::string open_quote;
};

// NAME= just before a '(': an array assignment, NAME=(a b c).
bool array_assignment(const std::string& raw) {
  if (raw.size() < 2 || raw.back() != '=' || std::isdigit(static_cast<unsigned char>(raw[0]))) return false;
  return std::all_of(raw.begin(), raw.end() - 1, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

WordScan scan_word(std::string_view s, std::size_t i) {
  WordScan w;
  while (i < s.size() && (!is_meta(s[i]) || (s[i] == '(' && array_assignment(w.raw)))) {
    if (s[i] == '(') {
      std::size_t j = i + 1;
      for (; j < s.size() && s[j] != ')'; ++j) {
        if (s[j] == '\\') ++j;
        else if (s[j] == '\'' || s[j] == '"') {
          const std::size_t e = s[j] == '"' ? skip_dquote(s, j) : s.find('\'', j + 1);
          if (e == kOpen || e == std::string_view::npos) break;
          j = s[j] == '"' ? e - 1 : e;
        }
      }
      if (j >= s.size()) {
        w.incomplete = true;
        w.end = s.size();
        return w;
      }
      w.raw.append(s.substr(i, j + 1 - i));
      i = j + 1;
      continue;
    }
    const char c = s[i];
    std::size_t e = i + 1;
    if (c == '\\') {
      if (i + 1 >= s.size()) {
        w.incomplete = true;
        w.end = s.size();
        return w;
      }
      if (s[i + 1] == '\n') {  // line continuation
        i += 2;
        continue;
      }
      e = i + 2;
    } else if (c == '\'') {
      auto q = s.find('\'', i + 1);
      if (q == std::string_view::npos) {
        w.incomplete = true;
        w.open_quote = "'";
      }
      e = q == std::string_view::npos ? kOpen : q + 1;
    } else if (c == '"') {
      e = skip_dquote(s, i);
      if (e == kOpen) w.open_quote = "\"";
    } else if (c == '$' || c == '`') {
      e = skip_span(s, i);
      if (e == kOpen) w.open_quote = c == '`' ? "`" : s[i + 1] == '{' ? "}" : ")";
    }
    if (e == kOpen) {
      w.incomplete = true;
      w.end = s.size();
      return w;
    }
    w.raw.append(s.substr(i, e - i));
    i = e;
  }
  w.end = i;
  return w;
}

// A here-document delimiter without its quotes; quoted tells whether it had any.
std::string unquote_delimiter(const std::string& raw, bool& quoted) {
  std::string out;
  quoted = false;
  for (char c : raw) {
    if (c == '\'' || c == '"' || c == '\\') quoted = true;
    else out += c;
  }
  return out;
}

}  // namespace

std::size_t substitution_end(std::string_view s, std::size_t i) { return skip_span(s, i); }

// ---- 3. lex -------------------------------------------------------------------------
LexResult lex(std::string_view s) {
  LexResult r;
  struct Pending {
    std::size_t token;  // the "<<" token
    std::string delimiter;
    bool strip_tabs;
  };
  std::vector<Pending> pending;
  bool want_delimiter = false;
  auto push_op = [&](Token::Kind kind, std::string text) {
    Token t;
    t.kind = kind;
    t.text = std::move(text);
    r.tokens.push_back(std::move(t));
  };

  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '\\' && i + 1 < s.size() && s[i + 1] == '\n') {
      i += 2;
    } else if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '\n') {
      push_op(Token::Kind::Newline, "\n");
      ++i;
      // Here-documents start on the line after their operator.
      for (auto& p : pending) {
        std::string body;
        bool found = false;
        while (i < s.size()) {
          auto nl = s.find('\n', i);
          std::string_view line = s.substr(i, nl == std::string_view::npos ? s.size() - i : nl - i);
          i = nl == std::string_view::npos ? s.size() : nl + 1;
          if (p.strip_tabs)
            while (!line.empty() && line[0] == '\t') line.remove_prefix(1);
          if (line == p.delimiter) {
            found = true;
            break;
          }
          body.append(line);
          body += '\n';
        }
        if (!found) {
          r.incomplete = true;
          return r;
        }
        r.tokens[p.token].heredoc = body;
      }
      pending.clear();
    } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
      const bool twice = i + 1 < s.size() && s[i + 1] == c;
      if (c == '(' && twice) {  // (( arithmetic ))
        auto close = s.find("))", i + 2);
        if (close == std::string_view::npos) {
          r.incomplete = true;
          return r;
        }
        push_op(Token::Kind::Arith, std::string(s.substr(i + 2, close - i - 2)));
        i = close + 2;
      } else if (c == '&' && i + 1 < s.size() && s[i + 1] == '>') {
        const bool append = i + 2 < s.size() && s[i + 2] == '>';
        push_op(Token::Kind::Redir, append ? "&>>" : "&>");
        i += append ? 3 : 2;
      } else if (twice && c != '(' && c != ')') {
        push_op(Token::Kind::Op, std::string(2, c));
        i += 2;
      } else {
        push_op(Token::Kind::Op, std::string(1, c));
        ++i;
      }
    } else if (c == '<' || c == '>') {
      std::string op(1, c);
      ++i;
      if (i < s.size() && (s[i] == c || s[i] == '&')) op += s[i++];
      if (op == "<<" && i < s.size() && s[i] == '-') op += s[i++];
      if (op == "<<" && i < s.size() && s[i] == '<') op += s[i++];  // <<< here-string
      int fd = -1;
      if (!r.tokens.empty() && r.tokens.back().kind == Token::Kind::Word && r.tokens.back().fd == -2) {
        fd = std::stoi(r.tokens.back().text);
        r.tokens.pop_back();
      }
      push_op(Token::Kind::Redir, op);
      r.tokens.back().fd = fd;
      if (op == "<<" || op == "<<-") want_delimiter = true;
    } else {
      WordScan w = scan_word(s, i);
      if (w.incomplete) {
        r.incomplete = true;
        r.open_quote = w.open_quote;
        return r;
      }
      Token t;
      t.kind = Token::Kind::Word;
      t.text = w.raw;
      // "2>": digits glued to a redirection operator name its descriptor.
      if (w.end < s.size() && (s[w.end] == '<' || s[w.end] == '>') && !w.raw.empty() && w.raw.size() < 3 &&
          std::all_of(w.raw.begin(), w.raw.end(), [](char d) { return std::isdigit(static_cast<unsigned char>(d)); }))
        t.fd = -2;
      if (want_delimiter) {
        want_delimiter = false;
        const std::size_t op = r.tokens.size() - 1;
        bool quoted = false;
        std::string delim = unquote_delimiter(w.raw, quoted);
        r.tokens[op].heredoc_quoted = quoted;
        pending.push_back({op, delim, r.tokens[op].text == "<<-"});
      }
      r.tokens.push_back(std::move(t));
      i = w.end;
    }
  }
  if (!pending.empty()) r.incomplete = true;
  return r;
}

}  // namespace kt::term
