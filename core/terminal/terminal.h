// An interactive terminal session over a Shell: line editing, history, prompt,
// Ctrl-C, Ctrl-L. It speaks the byte protocol of an xterm: input() takes what
// xterm.js's onData delivers (keys, escape sequences, pasted text), and the writer
// receives output with "\r\n" line ends and ANSI sequences, ready for term.write().
// The browser and `kubetab shell` both drive this class, so they behave the same.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/terminal/editor.h"
#include "core/terminal/shell.h"

namespace kt {

class Terminal {
 public:
  using Writer = std::function<void(std::string_view)>;

  Terminal(Sandbox& sandbox, Writer writer);
  ~Terminal();

  void start();                        // writes the banner and the first prompt
  void input(std::string_view data);   // raw terminal input
  void resize(int cols, int rows);
  bool busy() const { return false; }  // FIXME: blocking commands (issue 5) stream while busy
  const std::vector<std::string>& history() const { return history_; }
  // The login shell ran `exit`: the CLI ends the session.
  bool closed() const { return shell_.exit_requested(); }

 private:
  void submit();
  void editor_input(std::string_view data);
  std::string prompt() const;  // the shell's, or "> " while a command is unfinished
  void redraw_line();
  void write(std::string_view s);

  Sandbox& sandbox_;
  Writer writer_;
  Shell shell_;
  std::string line_;
  std::string pending_;  // the lines of an unfinished command, "\n"-joined
  std::unique_ptr<term::Editor> editor_;  // vi is open: keys go to it
  std::size_t cursor_ = 0;
  std::vector<std::string> history_;
  std::size_t history_pos_ = 0;
  std::string pending_escape_;
  int cols_ = 80;
  int rows_ = 24;
};

}  // namespace kt
