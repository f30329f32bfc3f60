// An interactive terminal session over a Shell: line editing, history, prompt,
// Ctrl-C, Ctrl-L. It speaks the byte protocol of an xterm: input() takes what
// xterm.js's onData delivers (keys, escape sequences, pasted text), and the writer
// receives output with "\r\n" line ends and ANSI sequences, ready for term.write().
// The browser and `kubetab shell` both drive this class, so they behave the same.
//
// A command that keeps running (kubectl get -w, logs -f, rollout status, sleep: see
// job.h) makes the terminal busy: no prompt, Ctrl-C stops it ("^C", exit status
// 130). The front end calls tick() after each advance of the simulator; tick()
// prints what the foreground and background jobs wrote meanwhile and, once the
// foreground job ends, the prompt. Keys typed meanwhile are type-ahead, as a tty in
// cooked mode keeps them: echoed at once (control keys as ^X), Backspace erasing
// the last one of the current line, and handed to the line editor once the prompt
// is back (an Enter among them runs that line); Ctrl-C discards them.
//
// `vi FILE`, `nano FILE` and kubectl edit open an editor (editor.h) on the
// alternate screen; keys go to it until it exits. kubectl edit then goes on
// (Shell::editor_closed) and may open it again.
#pragma once

#include <functional>
#include <memory>
#include <optional>
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
  // After each advance of the simulator (the browser's frame, the CLI's loop).
  void tick();
  // A foreground command is running: the prompt comes back when it ends or on Ctrl-C.
  bool busy() const { return foreground_ != nullptr; }
  const std::vector<std::string>& history() const { return history_; }
  // The login shell ran `exit`: the CLI ends the session.
  bool closed() const { return shell_.exit_requested(); }

 private:
  void submit();
  void editor_input(std::string_view data);
  // Opens the editor a command asked for, if any; whether one opened.
  bool open_editor();
  // While a command runs: echo and keep the keys (type-ahead); Ctrl-C stops it.
  void busy_input(std::string_view data);
  std::string prompt() const;  // the shell's, or "> " while a command is unfinished
  void redraw_line();
  void write(std::string_view s);
  void complete();  // Tab
  // The foreground job ended (exit status code): notifications, then the prompt.
  void end_foreground(int code);

  Sandbox& sandbox_;
  Writer writer_;
  Shell shell_;
  std::string line_;
  std::string pending_;  // the lines of an unfinished command, "\n"-joined
  std::unique_ptr<term::Editor> editor_;  // vi or nano is open: keys go to it
  std::optional<EditRequest> edit_;       // what opened it (kubectl edit waits on it)
  std::string typeahead_;                 // keys typed while a command runs
  bool replaying_ = false;                // the type-ahead goes to the line editor (echoed already)
  JobPtr foreground_;                     // the running command (busy)
  std::string held_output_;               // background output while vi is open
  std::size_t cursor_ = 0;
  std::vector<std::string> history_;
  std::size_t history_pos_ = 0;
  std::string pending_escape_;
  int cols_ = 80;
  int rows_ = 24;
};

}  // namespace kt
