// Line editing over an xterm byte stream. Map:
//   1. output helpers ("\n" → "\r\n")
//   2. input(): bytes → keys (printable, control, CSI escape sequences)
//   3. editing keys, history, completion (commands, kubectl, paths)
//   4. running commands: the foreground job (busy) and tick()
#include "core/terminal/terminal.h"

#include <algorithm>
#include <utility>

#include "core/cluster/scenario.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

namespace kt {
namespace {

// ---- 1. output ----------------------------------------------------------------
std::string to_crlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    if (c == '\n') out += "\r\n";
    else out += c;
  }
  return out;
}

}  // namespace

Terminal::Terminal(Sandbox& sandbox, Writer writer)
    : sandbox_(sandbox), writer_(std::move(writer)), shell_(sandbox) {
  shell_.set_interactive(true);
}

Terminal::~Terminal() = default;

void Terminal::write(std::string_view s) { writer_(to_crlf(s)); }

void Terminal::start() {
  write("Welcome to kubetab: a simulated Kubernetes " + sandbox_.scenario().kubernetes_version +
        " cluster.\nType 'help' to see what is here, or try: kubectl get nodes\n\n");
  write(shell_.prompt());
}

void Terminal::resize(int cols, int rows) {
  if (cols > 0) cols_ = cols;
  if (rows > 0) rows_ = rows;
  if (editor_) {
    editor_->resize(cols_, rows_);
    writer_(editor_->render());
  }
}

// Rewrites the edited line in place: back to the line start, prompt + text, clear
// the rest, then put the cursor back where it belongs.
void Terminal::redraw_line() {
  std::string s = "\r\x1b[K" + prompt() + line_;
  if (cursor_ < line_.size()) s += "\x1b[" + std::to_string(line_.size() - cursor_) + "D";
  writer_(s);
}

std::string Terminal::prompt() const { return pending_.empty() ? shell_.prompt() : "> "; }

// Enter: runs the command, or, when it is unfinished (a here-document, a loop, an
// open quote), keeps it and asks for the next line with bash's "> " prompt.
void Terminal::submit() {
  writer_("\r\n");
  const std::string text = pending_.empty() ? line_ : pending_ + "\n" + line_;
  line_.clear();
  cursor_ = 0;
  if (text.find_first_not_of(' ') != std::string::npos && shell_.needs_more(text)) {
    pending_ = text;
    write(prompt());
    return;
  }
  pending_.clear();
  if (text.find_first_not_of(' ') != std::string::npos) {
    if (history_.empty() || history_.back() != text) history_.push_back(text);
  }
  history_pos_ = history_.size();
  if (text.find_first_not_of(' ') != std::string::npos) {
    CommandResult r = shell_.run(text);
    write(r.output);
    if (open_editor()) return;
    if (r.job) {
      // Busy until the command ends or Ctrl-C; tick() prints what comes meanwhile.
      foreground_ = std::move(r.job);
      write(foreground_->poll());
      if (foreground_->done()) end_foreground(foreground_->exit_code());
      return;
    }
  }
  write(shell_.job_notifications() + prompt());
}

// ---- 4. running commands --------------------------------------------------------------
void Terminal::end_foreground(int code) {
  foreground_.reset();
  shell_.foreground_done(code);
  write(shell_.job_notifications() + prompt());
  // Type-ahead: the line editor reads what the tty kept (Enter runs it); what
  // follows a line that starts another command stays typed ahead, echoed already.
  if (!typeahead_.empty()) {
    const std::string keys = std::exchange(typeahead_, "");
    replaying_ = true;
    input(keys);
    replaying_ = false;
  }
}

// vi or nano on the alternate screen, as xterm's full-screen programs use it.
bool Terminal::open_editor() {
  auto req = shell_.take_edit_request();
  if (!req) return false;
  edit_ = std::move(req);
  editor_ = term::make_editor(edit_->editor, shell_.files(), edit_->path, cols_, rows_);
  writer_("\x1b[?1049h" + editor_->render());
  return true;
}

// A cooked tty: printable keys echo as they are, Enter as a line break, control
// keys and escape sequences as ^X / ^[; Backspace takes back the last key of the
// current line. Ctrl-C (SIGINT) stops the command and flushes what was typed.
void Terminal::busy_input(std::string_view data) {
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char ch = data[i];
    if (ch == '\x03') {
      typeahead_.clear();
      write(foreground_->poll());
      foreground_->stop();
      writer_("^C\r\n");
      end_foreground(130);
      // What follows Ctrl-C in the same chunk reaches the new prompt.
      if (i + 1 < data.size()) input(data.substr(i + 1));
      return;
    }
    if (ch == '\x7f' || ch == '\b') {
      if (!typeahead_.empty() && typeahead_.back() != '\r') {
        const bool control = static_cast<unsigned char>(typeahead_.back()) < 0x20;
        typeahead_.pop_back();
        writer_(control ? "\b\b  \b\b" : "\b \b");
      }
      continue;
    }
    typeahead_ += ch == '\n' ? '\r' : ch;
    if (replaying_) continue;
    if (ch == '\r' || ch == '\n') writer_("\r\n");
    else if (ch == '\x1b') writer_("^[");
    else if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') writer_(std::string("^") + static_cast<char>(ch + 64));
    else writer_(std::string(1, ch));
  }
}

void Terminal::tick() {
  std::string background = shell_.poll_jobs();
  if (foreground_) {
    write(background + foreground_->poll());
    if (foreground_->done()) end_foreground(foreground_->exit_code());
    return;
  }
  if (background.empty()) return;
  if (editor_) {
    held_output_ += background;
    return;
  }
  // At the prompt: the output goes above the line being typed, which is redrawn.
  writer_("\r\x1b[K");
  write(background);
  redraw_line();
}

// Keys while vi is open: whole escape sequences, a lone ESC is the Esc key. The
// screen is redrawn once per chunk, so a paste costs one redraw.
void Terminal::editor_input(std::string_view data) {
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '\x1b' && i + 1 < data.size() && (data[i + 1] == '[' || data[i + 1] == 'O')) {
      std::size_t j = i + 2;
      while (j < data.size() && !(data[j] >= 0x40 && data[j] <= 0x7E)) ++j;
      std::string seq(data.substr(i, std::min(j + 1, data.size()) - i));
      if (seq.size() == 3 && seq[1] == 'O') seq[1] = '[';  // SS3 arrows: same keys
      editor_->key(seq);
      i = j;
    } else {
      editor_->key(data.substr(i, 1));
    }
    if (editor_->done()) {
      editor_.reset();
      writer_("\x1b[?1049l");
      std::string out = std::exchange(held_output_, "");
      // kubectl edit goes on with the file as the editor left it.
      CommandResult r = shell_.editor_closed(*edit_);
      edit_.reset();
      write(out + r.output);
      if (open_editor()) return;
      write(shell_.job_notifications() + prompt());
      return;
    }
  }
  writer_(editor_->render());
}

// ---- 2. input -------------------------------------------------------------------
void Terminal::input(std::string_view data) {
  if (editor_) {
    editor_input(data);
    return;
  }
  if (foreground_) {
    busy_input(data);
    return;
  }
  for (std::size_t at = 0; at < data.size(); ++at) {
    const char ch = data[at];
    if (!pending_escape_.empty()) {
      pending_escape_ += ch;
      // CSI sequences end with a byte in 0x40–0x7E; "ESC O x" (SS3) with one byte.
      const bool csi = pending_escape_.size() >= 2 && pending_escape_[1] == '[';
      const bool ss3 = pending_escape_.size() >= 2 && pending_escape_[1] == 'O';
      const bool done = (csi && pending_escape_.size() >= 3 && ch >= 0x40 && ch <= 0x7E) ||
                        (ss3 && pending_escape_.size() == 3) || (!csi && !ss3 && pending_escape_.size() == 2);
      if (!done) continue;
      std::string seq = pending_escape_;
      pending_escape_.clear();
      if (seq == "\x1b[A" || seq == "\x1bOA") {  // up: older history
        if (history_pos_ > 0) {
          line_ = history_[--history_pos_];
          cursor_ = line_.size();
          redraw_line();
        }
      } else if (seq == "\x1b[B" || seq == "\x1bOB") {  // down: newer history
        if (history_pos_ < history_.size()) {
          ++history_pos_;
          line_ = history_pos_ < history_.size() ? history_[history_pos_] : "";
          cursor_ = line_.size();
          redraw_line();
        }
      } else if (seq == "\x1b[C" || seq == "\x1bOC") {
        if (cursor_ < line_.size()) {
          ++cursor_;
          writer_("\x1b[C");
        }
      } else if (seq == "\x1b[D" || seq == "\x1bOD") {
        if (cursor_ > 0) {
          --cursor_;
          writer_("\x1b[D");
        }
      } else if (seq == "\x1b[H" || seq == "\x1bOH" || seq == "\x1b[1~") {
        cursor_ = 0;
        redraw_line();
      } else if (seq == "\x1b[F" || seq == "\x1bOF" || seq == "\x1b[4~") {
        cursor_ = line_.size();
        redraw_line();
      } else if (seq == "\x1b[3~") {  // Delete
        if (cursor_ < line_.size()) {
          line_.erase(cursor_, 1);
          redraw_line();
        }
      }
      continue;
    }
    switch (ch) {
      case '\x1b': pending_escape_ = "\x1b"; break;
      case '\r':
      case '\n':
        submit();
        // The rest of a paste (or of the type-ahead) reaches what the line started.
        if (foreground_) {
          busy_input(data.substr(at + 1));
          return;
        }
        if (editor_) {
          if (at + 1 < data.size()) editor_input(data.substr(at + 1));
          return;
        }
        break;
      case '\x7f':
      case '\b':
        if (cursor_ > 0) {
          line_.erase(--cursor_, 1);
          redraw_line();
        }
        break;
      case '\x03':  // Ctrl-C: abandon the line
        writer_("^C\r\n");
        line_.clear();
        pending_.clear();
        cursor_ = 0;
        history_pos_ = history_.size();
        write(prompt());
        break;
      case '\x0c':  // Ctrl-L: clear the screen, keep the line
        writer_("\x1b[H\x1b[2J");
        redraw_line();
        break;
      case '\x01': cursor_ = 0; redraw_line(); break;             // Ctrl-A
      case '\x05': cursor_ = line_.size(); redraw_line(); break;  // Ctrl-E
      case '\x15': line_.erase(0, cursor_); cursor_ = 0; redraw_line(); break;  // Ctrl-U
      case '\x0b': line_.erase(cursor_); redraw_line(); break;                  // Ctrl-K
      case '\x17': {  // Ctrl-W: delete the word before the cursor
        std::size_t start = cursor_;
        while (start > 0 && line_[start - 1] == ' ') --start;
        while (start > 0 && line_[start - 1] != ' ') --start;
        line_.erase(start, cursor_ - start);
        cursor_ = start;
        redraw_line();
        break;
      }
      case '\t': complete(); break;
      default:
        if (static_cast<unsigned char>(ch) >= 0x20) {
          line_.insert(cursor_++, 1, ch);
          if (cursor_ == line_.size()) writer_(std::string(1, ch));
          else redraw_line();
        }
    }
  }
}

// ---- 3. completion --------------------------------------------------------------------
// The word before the cursor: after `kubectl` (or its alias k) kubectl's own
// completion (verbs, types, names, flags, namespaces), else commands or paths.
void Terminal::complete() {
  std::size_t start = line_.rfind(' ', cursor_ ? cursor_ - 1 : 0);
  start = (start == std::string::npos || cursor_ == 0) ? 0 : start + 1;
  const std::string word = line_.substr(start, cursor_ - start);
  const std::string before = line_.substr(0, start);
  // The simple command being typed: the words after the last ; | & of the line.
  std::size_t cmd_start = before.find_last_of(";|&");
  cmd_start = cmd_start == std::string::npos ? 0 : cmd_start + 1;
  std::vector<std::string> words;
  for (std::size_t i = cmd_start; i < before.size();) {
    while (i < before.size() && before[i] == ' ') ++i;
    std::size_t j = i;
    while (j < before.size() && before[j] != ' ') ++j;
    if (j > i) words.push_back(before.substr(i, j - i));
    i = j;
  }
  std::vector<std::string> matches;
  const bool file_flag = !words.empty() && (words.back() == "-f" || words.back() == "--filename" || words.back() == "-k");
  if (!words.empty() && (words[0] == "kubectl" || words[0] == "k") && !file_flag) {
    matches = kubectl::complete(sandbox_, std::vector<std::string>(words.begin() + 1, words.end()), word);
  } else {
    matches = shell_.complete(word, words.empty());
  }
  if (file_flag && !words.empty() && (words[0] == "kubectl" || words[0] == "k")) {
    // kubectl -f offers directories and .json/.yaml/.yml files only.
    auto keep = [](const std::string& m) {
      for (const char* ext : {"/", ".json", ".yaml", ".yml"}) {
        const std::string e(ext);
        if (m.size() >= e.size() && m.compare(m.size() - e.size(), e.size(), e) == 0) return true;
      }
      return false;
    };
    matches.erase(std::remove_if(matches.begin(), matches.end(), [&](const std::string& m) { return !keep(m); }),
                  matches.end());
  }
  if (matches.size() == 1) {
    const bool dir = !matches[0].empty() && matches[0].back() == '/';
    const bool open = !matches[0].empty() && matches[0].back() == '=';  // --output=
    const std::string add = matches[0].substr(word.size()) + (dir || open ? "" : " ");
    line_.insert(cursor_, add);
    cursor_ += add.size();
    redraw_line();
  } else if (matches.size() > 1) {
    // bash: extend to the longest common prefix; list the candidates.
    std::string common = matches[0];
    for (const auto& m : matches)
      while (m.compare(0, common.size(), common) != 0) common.pop_back();
    if (common.size() > word.size()) {
      line_.insert(cursor_, common.substr(word.size()));
      cursor_ += common.size() - word.size();
    }
    std::string listing = "\r\n";
    for (const auto& m : matches) {
      const auto slash = m.rfind('/', m.size() > 1 ? m.size() - 2 : 0);
      const bool path = words.empty() || !(words[0] == "kubectl" || words[0] == "k");
      listing += (slash == std::string::npos || !path ? m : m.substr(slash + 1)) + "  ";
    }
    writer_(listing + "\r\n");
    redraw_line();
  }
}

}  // namespace kt
