// A hint to load the cache line at `p` for reading soon.
//
// GCC 12 drops __builtin_prefetch from const member functions that it inlines (it
// takes them for pure functions returning void, whose calls do nothing); a
// volatile asm statement is kept. Other compilers and targets (clang, wasm, where
// it is a no-op) get the builtin.
#pragma once

namespace kt::util {

inline void prefetch_read(const void* p) {
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p);
#endif
}

}  // namespace kt::util
