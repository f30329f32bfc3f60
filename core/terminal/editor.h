// vi, as the sandbox terminal runs it: a small modal editor over a host's file, for
// the tutorials' `vim deployment.yml` + paste + `:wq`. Normal mode (h j k l, arrows,
// 0 ^ $, w b, gg G, x, dd, yy, p P, u, i a A I o O, n, ZZ), insert mode (typing and
// pasting, Enter, Backspace, arrows, Esc), the command line (:w :q :wq :x :q! :N)
// and / search. The screen is redrawn in full after each batch of keys. Long lines
// are cut at the right edge rather than wrapped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/terminal/command_context.h"

namespace kt::term {

class Editor {
 public:
  // Opens path on fs (a missing file is a new one). cols × rows is the screen.
  Editor(FileSystem& fs, std::string path, int cols, int rows);

  // One key: a byte, or a whole escape sequence ("\x1b[A"); "\x1b" alone is Esc.
  void key(std::string_view k);
  // The whole screen (ANSI), cursor placed.
  std::string render() const;
  void resize(int cols, int rows);
  // :q, :wq, ZZ … ran: the terminal returns to the shell.
  bool done() const { return done_; }

 private:
  enum class Mode { Normal, Insert, Command, Search };

  void normal(std::string_view k);
  void insert(std::string_view k);
  void command_line(std::string_view k);
  void execute(const std::string& cmd);
  bool write_file();
  void snapshot();
  void clamp(bool insert_mode);
  void scroll();
  void search(bool from_next);
  std::size_t first_nonblank(std::size_t row) const;

  FileSystem& fs_;
  std::string path_;
  int cols_, rows_;
  std::vector<std::string> lines_ = {""};
  std::size_t row_ = 0, col_ = 0, top_ = 0;
  Mode mode_ = Mode::Normal;
  std::string pending_;   // a normal-mode prefix: "d", "y", "g", "Z"
  std::string cmdline_;   // after ':' or '/'
  std::string message_;   // the bottom line
  std::string last_search_;
  std::vector<std::string> yank_;  // whole lines
  struct State {
    std::vector<std::string> lines;
    std::size_t row, col;
  };
  std::vector<State> undo_;
  bool modified_ = false;
  bool done_ = false;
  bool last_was_cr_ = false;  // "\r\n" in a paste is one line break
};

}  // namespace kt::term
