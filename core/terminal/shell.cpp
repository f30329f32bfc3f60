// The sandbox shell. Map:
//   1. lexing: words with quotes and escapes, the operators ; && || and comments
//   2. builtins and simulated commands
//   3. Shell::run: sequencing with exit codes
// FIXME: issue 5 brings pipes, redirections, expansions, here-documents, loops,
// the file system and the command set of a Linux host; this is the first slice.
#include "core/terminal/shell.h"

#include <map>
#include <memory>
#include <vector>

#include "core/cluster/cluster.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

namespace kt {
namespace {

// ---- 1. lexing -----------------------------------------------------------------
struct Token {
  enum class Kind { Word, Semi, And, Or } kind;
  std::string text;
};

struct LexResult {
  std::vector<Token> tokens;
  std::string error;  // bash's wording for an unterminated quote
};

LexResult lex(std::string_view line) {
  LexResult r;
  std::string cur;
  bool in_word = false;
  auto flush = [&] {
    if (in_word) r.tokens.push_back({Token::Kind::Word, cur});
    cur.clear();
    in_word = false;
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      cur += line[++i];
      in_word = true;
    } else if (c == '\'') {
      auto end = line.find('\'', i + 1);
      if (end == std::string_view::npos) {
        r.error = "-bash: unexpected EOF while looking for matching `''\n";
        return r;
      }
      cur.append(line.substr(i + 1, end - i - 1));
      in_word = true;
      i = end;
    } else if (c == '"') {
      std::size_t j = i + 1;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '\\' && j + 1 < line.size() && std::string_view("\"\\$`").find(line[j + 1]) != std::string_view::npos)
          ++j;
        cur += line[j];
      }
      if (j >= line.size()) {
        r.error = "-bash: unexpected EOF while looking for matching `\"'\n";
        return r;
      }
      in_word = true;
      i = j;
    } else if (c == '#' && !in_word) {
      break;  // comment to end of line
    } else if (c == ' ' || c == '\t') {
      flush();
    } else if (c == ';') {
      flush();
      r.tokens.push_back({Token::Kind::Semi, ";"});
    } else if (c == '&' && i + 1 < line.size() && line[i + 1] == '&') {
      flush();
      r.tokens.push_back({Token::Kind::And, "&&"});
      ++i;
    } else if (c == '|' && i + 1 < line.size() && line[i + 1] == '|') {
      flush();
      r.tokens.push_back({Token::Kind::Or, "||"});
      ++i;
    } else {
      cur += c;
      in_word = true;
    }
  }
  flush();
  return r;
}

// ---- 2. commands ------------------------------------------------------------------
using Args = std::vector<std::string>;

CommandResult echo(const Args& a) {
  std::size_t i = 1;
  bool newline = true;
  if (i < a.size() && a[i] == "-n") {
    newline = false;
    ++i;
  }
  std::string out;
  for (; i < a.size(); ++i) out += a[i] + (i + 1 < a.size() ? " " : "");
  if (newline) out += "\n";
  return {out, 0};
}

// sleep NUMBER[SUFFIX]...: virtual time passes; the cluster keeps running.
CommandResult sleep_cmd(Sandbox& sb, const Args& a) {
  if (a.size() < 2) return {"sleep: missing operand\nTry 'sleep --help' for more information.\n", 1};
  double total = 0;
  for (std::size_t i = 1; i < a.size(); ++i) {
    const std::string& s = a[i];
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    std::string suffix = end ? std::string(end) : "";
    double mult = suffix.empty() || suffix == "s" ? 1 : suffix == "m" ? 60 : suffix == "h" ? 3600 : suffix == "d" ? 86400 : -1;
    if (end == s.c_str() || mult < 0 || v < 0)
      return {"sleep: invalid time interval '" + s + "'\nTry 'sleep --help' for more information.\n", 1};
    total += v * mult;
  }
  sb.advance(sim::Duration{static_cast<sim::Micros>(total * 1e6)});
  return {"", 0};
}

const char* kHelp =
    "This is a simulated Kubernetes cluster (kubetab). Commands:\n"
    "  kubectl ...        the Kubernetes command-line tool (v1.32)\n"
    "  echo, sleep, hostname, clear, history, help\n"
    "More of a Linux shell arrives in later releases.\n";

}  // namespace

struct Shell::Impl {
  std::string host;
  int last_exit = 0;
  bool exit_requested = false;
};

bool Shell::exit_requested() const { return impl_->exit_requested; }

Shell::Shell(Sandbox& sandbox) : sandbox_(sandbox), impl_(std::make_unique<Impl>()) {
  impl_->host = sandbox.scenario().login_host;
}

Shell::~Shell() = default;

std::string Shell::prompt() const { return "[root@" + impl_->host + " ~]# "; }

CommandResult Shell::run(std::string_view line) {
  LexResult lx = lex(line);
  if (!lx.error.empty()) {
    impl_->last_exit = 2;
    return {lx.error + "-bash: syntax error: unexpected end of file\n", 2};
  }
  CommandResult total;
  int status = impl_->last_exit;
  Token::Kind pending = Token::Kind::Semi;
  Args argv;
  auto execute = [&] {
    if (argv.empty()) return;
    const bool skip = (pending == Token::Kind::And && status != 0) || (pending == Token::Kind::Or && status == 0);
    if (!skip) {
      CommandResult r;
      const std::string& cmd = argv[0];
      if (cmd == "kubectl") r = kubectl::run(sandbox_, Args(argv.begin() + 1, argv.end()));
      else if (cmd == "echo") r = echo(argv);
      else if (cmd == "sleep") r = sleep_cmd(sandbox_, argv);
      else if (cmd == "true") r = {"", 0};
      else if (cmd == "false") r = {"", 1};
      else if (cmd == "hostname") r = {impl_->host + "\n", 0};
      else if (cmd == "clear") r = {"\x1b[H\x1b[2J\x1b[3J", 0};
      else if (cmd == "help") r = {kHelp, 0};
      else if (cmd == "exit" || cmd == "logout") {
        impl_->exit_requested = true;
        r = {"logout\n", argv.size() > 1 ? std::atoi(argv[1].c_str()) : status};
      }
      else r = {"-bash: " + cmd + ": command not found\n", 127};
      total.output += r.output;
      status = r.exit_code;
    }
    argv.clear();
  };
  for (const auto& t : lx.tokens) {
    if (t.kind == Token::Kind::Word) {
      argv.push_back(t.text);
      continue;
    }
    if (argv.empty()) {
      impl_->last_exit = 2;
      return {total.output + "-bash: syntax error near unexpected token `" + t.text + "'\n", 2};
    }
    execute();
    pending = t.kind;
  }
  execute();
  total.exit_code = status;
  impl_->last_exit = status;
  return total;
}

}  // namespace kt
