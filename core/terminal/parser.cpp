// The shell's parser: tokens → syntax tree (grammar in syntax.h). Running out of
// tokens where the grammar needs more (after `|`, `&&`, inside `for … do` without
// `done`) marks the result incomplete, so the terminal can ask for another line.
#include <cctype>

#include "core/terminal/syntax.h"

namespace kt::term {
namespace {

struct Incomplete {};
struct SyntaxError {
  std::string token;
};

bool is_name(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

bool is_assignment(const std::string& w) {
  auto eq = w.find('=');
  return eq != std::string::npos && eq > 0 && is_name(std::string_view(w).substr(0, eq));
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  List program() {
    List l = list({});
    if (pos_ < t_.size()) throw SyntaxError{t_[pos_].text};
    return l;
  }

 private:
  bool at_end() const { return pos_ >= t_.size(); }
  const Token& peek() const { return t_[pos_]; }
  bool peek_op(std::string_view op) const { return !at_end() && peek().kind == Token::Kind::Op && peek().text == op; }
  bool peek_word(std::string_view w) const { return !at_end() && peek().kind == Token::Kind::Word && peek().text == w; }
  void skip_newlines() {
    while (!at_end() && peek().kind == Token::Kind::Newline) ++pos_;
  }
  // A compound command's part may not be empty: "if then" is an error at "then".
  List nonempty(List l) {
    if (l.items.empty()) {
      skip_newlines();
      if (at_end()) throw Incomplete{};
      throw SyntaxError{peek().text};
    }
    return l;
  }
  void expect_word(std::string_view w) {
    skip_newlines();
    if (at_end()) throw Incomplete{};
    if (!peek_word(w)) throw SyntaxError{peek().text};
    ++pos_;
  }

  // Reads and_or items until a reserved word in `stops` (or `)`/EOF) is next.
  List list(const std::vector<std::string_view>& stops) {
    List l;
    for (;;) {
      skip_newlines();
      if (at_end()) return l;
      if (peek().kind == Token::Kind::Word)
        for (auto s : stops)
          if (peek().text == s) return l;
      if (peek_op(")")) return l;
      l.items.push_back(and_or());
      if (at_end()) return l;
      if (peek_op(";") || peek_op("&")) {
        l.items.back().background = peek().text == "&";
        ++pos_;
        if (peek_op(";") || peek_op("&")) throw SyntaxError{peek().text};
      } else if (peek_op(")")) {
        return l;
      } else if (peek().kind != Token::Kind::Newline) {
        // A word right after a command ("fi foo"): the caller decides if it is a stop.
        if (peek().kind != Token::Kind::Word) throw SyntaxError{peek().text};
        return l;
      }
    }
  }

  AndOr and_or() {
    AndOr a;
    a.pipelines.push_back(pipeline());
    while (peek_op("&&") || peek_op("||")) {
      a.ops.push_back(peek().text);
      ++pos_;
      skip_newlines();
      if (at_end()) throw Incomplete{};
      a.pipelines.push_back(pipeline());
    }
    return a;
  }

  Pipeline pipeline() {
    Pipeline p;
    if (peek_word("!")) {
      p.negate = true;
      ++pos_;
    }
    p.commands.push_back(command());
    while (peek_op("|")) {
      ++pos_;
      skip_newlines();
      if (at_end()) throw Incomplete{};
      p.commands.push_back(command());
    }
    return p;
  }

  void redirect(Command& c) {
    Token op = peek();
    ++pos_;
    if (at_end()) throw SyntaxError{"newline"};
    if (peek().kind != Token::Kind::Word) throw SyntaxError{peek().kind == Token::Kind::Newline ? "newline" : peek().text};
    Redirect r;
    r.op = op.text;
    r.fd = op.fd >= 0 ? op.fd : (op.text[0] == '<' ? 0 : 1);
    r.target = peek().text;
    r.heredoc = op.heredoc;
    r.heredoc_quoted = op.heredoc_quoted;
    c.redirects.push_back(std::move(r));
    ++pos_;
  }

  // Redirections after a compound command's closing word.
  void trailing_redirects(Command& c) {
    while (!at_end() && peek().kind == Token::Kind::Redir) redirect(c);
  }

  Command command() {
    if (at_end()) throw Incomplete{};
    const Token& t = peek();
    if (t.kind == Token::Kind::Arith) {
      Command c;
      c.kind = Command::Kind::Arith;
      c.arith[0] = t.text;
      ++pos_;
      return c;
    }
    if (t.kind == Token::Kind::Op && t.text == "(") return subshell();
    if (t.kind == Token::Kind::Op) throw SyntaxError{t.text};
    if (t.kind == Token::Kind::Newline) throw SyntaxError{"newline"};
    if (t.kind == Token::Kind::Word) {
      if (t.text == "for") return for_loop();
      if (t.text == "while" || t.text == "until") return while_loop();
      if (t.text == "if") return if_clause();
      if (t.text == "{") return group();
      if (t.text == "function" && pos_ + 1 < t_.size() && t_[pos_ + 1].kind == Token::Kind::Word) {
        ++pos_;
        return function(t_[pos_++].text);
      }
      if (pos_ + 2 < t_.size() && t_[pos_ + 1].kind == Token::Kind::Op && t_[pos_ + 1].text == "(" &&
          t_[pos_ + 2].kind == Token::Kind::Op && t_[pos_ + 2].text == ")" && is_name(t.text)) {
        const std::string name = t.text;
        pos_ += 3;
        return function(name);
      }
      for (std::string_view r : {"do", "done", "then", "fi", "else", "elif", "in", "}"})
        if (t.text == r) throw SyntaxError{t.text};
    }
    return simple();
  }

  Command simple() {
    Command c;
    while (!at_end()) {
      const Token& t = peek();
      if (t.kind == Token::Kind::Redir) {
        redirect(c);
      } else if (t.kind == Token::Kind::Word) {
        if (c.words.empty() && is_assignment(t.text)) c.assignments.push_back(t.text);
        else c.words.push_back(t.text);
        ++pos_;
      } else if (t.kind == Token::Kind::Op && t.text == "(") {
        throw SyntaxError{"("};
      } else {
        break;
      }
    }
    return c;
  }

  Command for_loop() {
    ++pos_;  // for
    Command c;
    if (at_end()) throw Incomplete{};
    if (peek().kind == Token::Kind::Arith) {
      c.kind = Command::Kind::ArithFor;
      std::string body = peek().text;
      ++pos_;
      for (int k = 0; k < 3; ++k) {
        auto semi = body.find(';');
        if (k < 2 && semi == std::string::npos) throw SyntaxError{"(("};
        c.arith[k] = k < 2 ? body.substr(0, semi) : body;
        if (k < 2) body = body.substr(semi + 1);
      }
      if (peek_op(";")) ++pos_;
    } else {
      c.kind = Command::Kind::For;
      if (peek().kind != Token::Kind::Word || !is_name(peek().text)) throw SyntaxError{peek().text};
      c.var = peek().text;
      ++pos_;
      skip_newlines();
      if (at_end()) throw Incomplete{};
      if (peek_word("in")) {
        c.for_has_in = true;
        ++pos_;
        while (!at_end() && peek().kind == Token::Kind::Word) c.words.push_back(t_[pos_++].text);
        if (at_end()) throw Incomplete{};
        if (!peek_op(";") && peek().kind != Token::Kind::Newline) throw SyntaxError{peek().text};
        ++pos_;
      } else if (peek_op(";")) {
        ++pos_;
      }
    }
    expect_word("do");
    c.bodies.push_back(nonempty(list({"done"})));
    expect_word("done");
    trailing_redirects(c);
    return c;
  }

  Command while_loop() {
    Command c;
    c.kind = peek().text == "while" ? Command::Kind::While : Command::Kind::Until;
    ++pos_;
    c.conditions.push_back(nonempty(list({"do"})));
    expect_word("do");
    c.bodies.push_back(nonempty(list({"done"})));
    expect_word("done");
    trailing_redirects(c);
    return c;
  }

  Command if_clause() {
    Command c;
    c.kind = Command::Kind::If;
    ++pos_;  // if
    for (;;) {
      c.conditions.push_back(nonempty(list({"then"})));
      expect_word("then");
      c.bodies.push_back(nonempty(list({"elif", "else", "fi"})));
      skip_newlines();
      if (at_end()) throw Incomplete{};
      if (peek_word("elif")) {
        ++pos_;
        continue;
      }
      if (peek_word("else")) {
        ++pos_;
        c.bodies.push_back(nonempty(list({"fi"})));
      }
      expect_word("fi");
      break;
    }
    trailing_redirects(c);
    return c;
  }

  Command subshell() {
    Command c;
    c.kind = Command::Kind::Subshell;
    ++pos_;  // (
    c.bodies.push_back(list({}));
    skip_newlines();
    if (at_end()) throw Incomplete{};
    if (!peek_op(")")) throw SyntaxError{peek().text};
    if (c.bodies[0].items.empty()) throw SyntaxError{")"};
    ++pos_;
    trailing_redirects(c);
    return c;
  }

  // After "name ()" or "function name": the body, a { … } group.
  Command function(const std::string& name) {
    if (peek_op("(")) {  // function name () { … }
      ++pos_;
      if (!peek_op(")")) throw SyntaxError{at_end() ? "newline" : peek().text};
      ++pos_;
    }
    skip_newlines();
    if (at_end()) throw Incomplete{};
    if (!peek_word("{")) throw SyntaxError{peek().text};
    Command body = group();
    Command c;
    c.kind = Command::Kind::Function;
    c.var = name;
    c.bodies = std::move(body.bodies);
    return c;
  }

  Command group() {
    Command c;
    c.kind = Command::Kind::Group;
    ++pos_;  // {
    c.bodies.push_back(nonempty(list({"}"})));
    expect_word("}");
    trailing_redirects(c);
    return c;
  }

  std::vector<Token> t_;
  std::size_t pos_ = 0;
};

}  // namespace

ParseResult parse(std::string_view text) {
  ParseResult r;
  LexResult lx = lex(text);
  if (lx.incomplete) {
    r.incomplete = true;
    r.open_quote = lx.open_quote;
    return r;
  }
  try {
    r.list = Parser(std::move(lx.tokens)).program();
  } catch (const Incomplete&) {
    r.incomplete = true;
  } catch (const SyntaxError& e) {
    r.error = "syntax error near unexpected token `" + (e.token == "\n" ? std::string("newline") : e.token) + "'";
  }
  return r;
}

}  // namespace kt::term
