// The shell's grammar: tokens, the syntax tree and the parser's entry point.
//   list      := and_or ((';' | '&' | newline) and_or)*
//   and_or    := pipeline (('&&' | '||') newline* pipeline)*
//   pipeline  := ['!'] command ('|' newline* command)*
//   command   := simple | for | for (( )) | while | until | if | '{' list '}' | '(' list ')'
//                | (( expr )) | name () { list } | function name { list }
// Words keep their quotes: expansion (expand.h) happens when a command runs, as in bash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kt::term {

struct Token {
  enum class Kind { Word, Op, Newline, Redir, Arith };
  Kind kind = Kind::Word;
  std::string text;      // raw word, operator ("&&", "|", …), redirection ("<<-", ">&", …) or (( )) body
  int fd = -1;           // Redir: the explicit descriptor ("2>" → 2), -1 when none
  std::string heredoc;   // "<<" and "<<-": the document's body
  bool heredoc_quoted = false;  // the delimiter was quoted: no expansion in the body
};

struct LexResult {
  std::vector<Token> tokens;
  bool incomplete = false;     // open quote, here-document or substitution, trailing backslash
  std::string open_quote;      // "'" or "\"" when the input ended inside that quote
};
LexResult lex(std::string_view text);
// At a '$' or '`' in s: the index just past the substitution it opens ($(…), ${…},
// `…`), i + 1 for a plain '$', npos when the input ends inside it.
std::size_t substitution_end(std::string_view s, std::size_t i);

struct Redirect {
  int fd = 1;
  std::string op;      // "<", ">", ">>", "<<", "<<-", ">&", "&>", "&>>", "<&"
  std::string target;  // raw word (a file, a descriptor, or the here-document delimiter)
  std::string heredoc;
  bool heredoc_quoted = false;
};

struct Command;
struct Pipeline {
  std::vector<Command> commands;
  bool negate = false;
};
struct AndOr {
  std::vector<Pipeline> pipelines;
  std::vector<std::string> ops;  // "&&" or "||" before pipelines[1..]
  bool background = false;       // ended by `&`: runs as a background job
};
struct List {
  std::vector<AndOr> items;
};

struct Command {
  enum class Kind { Simple, For, ArithFor, While, Until, If, Group, Subshell, Arith, Function };
  Kind kind = Kind::Simple;
  std::vector<std::string> assignments;  // NAME=value words before the command name
  std::vector<std::string> words;        // Simple: argv; For: the `in` words
  std::vector<Redirect> redirects;
  std::string var;                       // For: the loop variable; Function: its name
  bool for_has_in = false;
  std::string arith[3];                  // ArithFor: init; cond; step. Arith: arith[0]
  std::vector<List> conditions;          // If: if/elif conditions; While/Until: one
  std::vector<List> bodies;              // If: then-parts (+ else last); loops, groups, functions: one
};

struct ParseResult {
  List list;
  bool incomplete = false;   // more input could complete it (the terminal asks for it)
  std::string open_quote;
  std::string error;         // bash's "syntax error near unexpected token `x'" text, without "-bash: "
};
ParseResult parse(std::string_view text);

}  // namespace kt::term
