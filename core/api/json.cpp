// Frozen documents (make_frozen). Map of this file:
//   1. access to Json's payload
//   2. nodes: strings, arrays, objects; reference counts; freeing
//   3. the sharing caches and hashes
//   4. freezing a document bottom-up
//   5. make_frozen and the root's allocator
//
// A frozen value is a Json whose payload (string_t*, array_t*, object_t*) points
// into a node that json.cpp owns, never one that Json's destructor may free: frozen
// values are released here (release_value), then left null. The nodes:
//   string: [Shared][string_t]
//   array:  [Shared][array_t of frozen values]
//   object: [Flat][object_map shell][members with frozen values] (json_object.h)
// Nodes are reference counted (single-threaded, like the whole core). Freezing
// works bottom-up: a node's children are frozen first, so two equal nodes have
// identical children and comparing them is one level deep. Each kind has a
// direct-mapped cache from content hash to the last node frozen with that hash;
// an equal node found there is shared instead of built. The caches only change
// which memory is shared, never a value, so output does not depend on them.
#include "core/api/json.h"
#include "core/api/json_identical.h"

#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>
#include <vector>

#include "core/util/mismatch.h"
#include "core/util/node_pool.h"

namespace kt {
namespace {

// ---- 1. access to Json's payload ---------------------------------------------------
// The type tag and payload union are private; an explicit instantiation may name
// private members (the access rules do not apply to its arguments).
template <class Tag, auto M>
struct Rob {
  friend constexpr auto robbed(Tag) { return M; }
};
struct TypeTag {
  friend constexpr auto robbed(TypeTag);
};
struct ValueTag {
  friend constexpr auto robbed(ValueTag);
};
template struct Rob<TypeTag, &Json::m_type>;
template struct Rob<ValueTag, &Json::m_value>;

using nlohmann::detail::value_t;
using Map = Json::object_t;
using Arr = Json::array_t;
using Str = Json::string_t;
using Flat = Map::Flat;
using Member = Map::value_type;

bool is_node_type(value_t t) { return t == value_t::string || t == value_t::array || t == value_t::object; }

void* payload(const Json& j) {
  const auto& v = j.*robbed(ValueTag{});
  switch (j.type()) {
    case value_t::string: return v.string;
    case value_t::array: return v.array;
    case value_t::object: return v.object;
    default: return nullptr;
  }
}

// Leaves j null without freeing its payload.
void forget_payload(Json& j) {
  (j.*robbed(ValueTag{})).object = nullptr;
  j.*robbed(TypeTag{}) = value_t::null;
}

// ---- 3. caches and hashes (used by 2 and 4) -------------------------------------------
constexpr std::size_t kSlots = std::size_t{1} << 13;
// A slot keeps the node's hash beside the pointer: most lookups for a pod's own
// strings (name, uid, timestamps) find an older pod's node there, and comparing the
// hash in the slot spares reading that cold node (a cache miss per unique string,
// ~3/4 of freezing's time before).
struct CacheSlot {
  void* node = nullptr;
  std::uint32_t hash = 0;
};
CacheSlot g_strings[kSlots];
CacheSlot g_arrays[kSlots];
CacheSlot g_objects[kSlots];

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}

std::uint64_t hash_bytes(const char* p, std::size_t n, std::uint64_t h) {
  h = mix(h, n);
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h, w);
  }
  if (n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = mix(h, w);
  }
  return h;
}

std::uint32_t fold(std::uint64_t h) { return static_cast<std::uint32_t>(h ^ (h >> 32)); }
std::size_t slot_of(std::uint32_t h) { return h & (kSlots - 1); }

// ---- 2. nodes ------------------------------------------------------------------------
struct Shared {
  std::uint32_t refs;
  std::uint32_t hash;
};
static_assert(sizeof(Shared) == 8 && alignof(Str) <= 8 && alignof(Arr) <= 8, "payload follows the header");

template <class T>
Shared* header_of(T* payload) {
  return reinterpret_cast<Shared*>(reinterpret_cast<char*>(payload) - sizeof(Shared));
}

template <class T, class... Args>
T* new_node(std::uint32_t hash, Args&&... args) {
  void* mem = util::node_pool::allocate(sizeof(Shared) + sizeof(T));
  new (mem) Shared{1, hash};
  return new (static_cast<char*>(mem) + sizeof(Shared)) T(std::forward<Args>(args)...);
}

template <class T>
void free_node(T* payload) {
  Shared* h = header_of(payload);
  payload->~T();
  util::node_pool::deallocate(h, sizeof(Shared) + sizeof(T));
}

void release_value(Json& j);

void unref_string(Str* s) {
  Shared* h = header_of(s);
  if (--h->refs) return;
  if (g_strings[slot_of(h->hash)].node == s) g_strings[slot_of(h->hash)] = {};
  free_node(s);
}

void unref_array(Arr* a) {
  Shared* h = header_of(a);
  if (--h->refs) return;
  if (g_arrays[slot_of(h->hash)].node == a) g_arrays[slot_of(h->hash)] = {};
  for (Json& e : *a) release_value(e);
  free_node(a);
}

void unref_object(Flat* f) {
  if (--f->refs) return;
  if (g_objects[slot_of(f->hash)].node == f) g_objects[slot_of(f->hash)] = {};
  Member* items = Map::node_items(f);
  for (std::size_t i = 0; i < f->size; ++i) {
    release_value(items[i].second);
    items[i].~Member();
  }
  const std::size_t bytes = Map::node_bytes(f->size);
  Map::shell_of(f)->destroy_shell();
  util::node_pool::deallocate(f, bytes);
}

void unref(value_t t, void* p) {
  switch (t) {
    case value_t::string: unref_string(static_cast<Str*>(p)); break;
    case value_t::array: unref_array(static_cast<Arr*>(p)); break;
    case value_t::object: unref_object(const_cast<Flat*>(static_cast<Map*>(p)->frozen_node())); break;
    default: break;
  }
}

// Drops a frozen value's reference and leaves it null (other values: untouched).
void release_value(Json& j) {
  if (!is_node_type(j.type())) return;
  unref(j.type(), payload(j));
  forget_payload(j);
}

void add_ref(value_t t, void* p) {
  switch (t) {
    case value_t::string: ++header_of(static_cast<Str*>(p))->refs; break;
    case value_t::array: ++header_of(static_cast<Arr*>(p))->refs; break;
    case value_t::object: ++const_cast<Flat*>(static_cast<Map*>(p)->frozen_node())->refs; break;
    default: break;
  }
}

// ---- 4. freezing ------------------------------------------------------------------------
// A value on its way into a node: a frozen payload (string, array, object), a binary
// payload taken from the request, or the bits of a null, boolean or number. A node
// is either new (`owned`: its one reference is ours) or an existing one found in a
// cache, not yet referenced: the parent takes a reference when it builds a node
// around it, and nothing at all when it finds an equal parent in its own cache. So a
// shared subtree costs one lookup per node and no reference-count traffic. (Nothing
// is freed while a document freezes, so a node found in a cache stays alive until
// the parent decides.) Trivially copyable: the scratch stack holds one per value of
// the document being frozen.
struct Frozen {
  value_t type = value_t::null;
  bool owned = false;        // node types: a new node; binary: always (the request's payload)
  std::uint32_t hash = 0;
  void* node = nullptr;      // string, array, object: the node; binary: the binary_t
  std::uint64_t bits = 0;    // boolean, numbers: the value (a double's bit pattern)
};
static_assert(std::is_trivially_copyable_v<Frozen>);

// The value of a boolean or number as 64 bits (0 for null and discarded).
std::uint64_t scalar_bits(const Json& j) {
  const auto& v = j.*robbed(ValueTag{});
  switch (j.type()) {
    case value_t::boolean: return v.boolean ? 1 : 0;
    case value_t::number_integer: return static_cast<std::uint64_t>(v.number_integer);
    case value_t::number_unsigned: return v.number_unsigned;
    case value_t::number_float: {
      std::uint64_t bits;
      std::memcpy(&bits, &v.number_float, 8);
      return bits;
    }
    default: return 0;
  }
}

// Gives target (which must be null) the value whose type and payload or bits f holds.
void set_value(Json& target, const Frozen& f) {
  auto& v = target.*robbed(ValueTag{});
  switch (f.type) {
    case value_t::string: v.string = static_cast<Str*>(f.node); break;
    case value_t::array: v.array = static_cast<Arr*>(f.node); break;
    case value_t::object: v.object = static_cast<Map*>(f.node); break;
    case value_t::binary: v.binary = static_cast<Json::binary_t*>(f.node); break;
    case value_t::boolean: v.boolean = f.bits != 0; break;
    case value_t::number_integer: v.number_integer = static_cast<std::int64_t>(f.bits); break;
    case value_t::number_unsigned: v.number_unsigned = f.bits; break;
    case value_t::number_float: std::memcpy(&v.number_float, &f.bits, 8); break;
    default: v.object = nullptr; break;
  }
  target.*robbed(TypeTag{}) = f.type;
}

// Releases what f owns and was not used (a sibling's parent was found shared).
void drop(Frozen& f) {
  if (f.type == value_t::binary && f.node) {
    Json gone;
    set_value(gone, f);  // Json's destructor frees the binary
  } else if (f.node && f.owned) {
    unref(f.type, f.node);
  }
  f.node = nullptr;
}

// Moves a Frozen into place: `target` must be null.
void materialize(Json& target, Frozen&& f) {
  if (f.node && !f.owned) add_ref(f.type, f.node);
  set_value(target, f);
  f.node = nullptr;
}

// The hash of a value that is not a node: its type and its scalar_bits, or for a
// binary its subtype and bytes.
std::uint64_t scalar_hash(value_t t, std::uint64_t bits) {
  const std::uint64_t h = mix(0x51ED270B27A3F1C5ULL, static_cast<std::uint64_t>(t));
  return t == value_t::null || t == value_t::discarded ? h : mix(h, bits);
}
std::uint64_t binary_hash(const Json::binary_t& b) {
  const std::uint64_t h = mix(0x51ED270B27A3F1C5ULL, static_cast<std::uint64_t>(value_t::binary));
  return hash_bytes(reinterpret_cast<const char*>(b.data()), b.size(), mix(h, b.has_subtype() ? b.subtype() : 0));
}

// Equal strings, compared inline a word at a time: freezing compares every key and
// string of a document with its guide's, most of them short and equal, where the
// library's compare is a call per string.
bool equal_text(const Str& a, const Str& b) {
  return a.size() == b.size() && util::mismatch_at(a.data(), b.data(), a.size()) == a.size();
}

// Same frozen value: the same node, equal binaries, or equal scalars of the same
// type (bit for bit: 1 and 1.0 print differently).
bool same(const Json& stored, const Frozen& f) {
  if (stored.type() != f.type) return false;
  if (is_node_type(f.type)) return payload(stored) == f.node;
  if (f.type == value_t::binary) return stored.get_binary() == *static_cast<const Json::binary_t*>(f.node);
  return scalar_bits(stored) == f.bits;
}

Frozen freeze_value(Json& v, const Json* like);

Frozen freeze_string(Str& s, const Json* like) {
  if (like && like->is_string()) {
    auto* c = static_cast<Str*>(payload(*like));
    if (equal_text(*c, s)) return {value_t::string, false, header_of(c)->hash, c};
  }
  const std::uint32_t h = fold(hash_bytes(s.data(), s.size(), 0x2545F4914F6CDD1DULL));
  CacheSlot& slot = g_strings[slot_of(h)];
  if (auto* c = static_cast<Str*>(slot.node); c && slot.hash == h && equal_text(*c, s))
    return {value_t::string, false, h, c};
  Str* n = new_node<Str>(h, std::move(s));
  slot = {n, h};
  return {value_t::string, true, h, n};
}

// A part of the document being frozen that is known to be identical to a frozen
// object (make_frozen_with), and that object's node.
struct KnownPart {
  const Json* part = nullptr;
  const Map* twin = nullptr;
};
KnownPart g_known;

// Empties v's lists and maps from the leaves up, so that no value's destructor
// finds children (nlohmann's destructor moves a value's children onto a heap stack
// first, a malloc and free per list or map: the walk freezing spares, see below).
void dispose(Json& v) {
  if (auto* m = v.get_ptr<Map*>(); m && m->borrowed()) {
    m->clear();  // drops its reference; Json's destructor would thaw it to iterate it
  } else if (m && !m->frozen()) {
    for (auto& member : *m) dispose(member.second);
    m->clear();
  } else if (auto* a = v.get_ptr<Arr*>()) {
    for (auto& e : *a) dispose(e);
    a->clear();
  }
}

// Children in progress, as a stack shared by the nested calls (no allocation per node).
std::vector<Frozen>& scratch() {
  static std::vector<Frozen> s;
  return s;
}

Frozen freeze_array(Arr& a, const Json* like) {
  auto& st = scratch();
  const std::size_t base = st.size();
  const Arr* la = like && like->is_array() ? static_cast<const Arr*>(payload(*like)) : nullptr;
  for (std::size_t i = 0; i < a.size(); ++i) st.push_back(freeze_value(a[i], la && i < la->size() ? &(*la)[i] : nullptr));
  const std::size_t n = st.size() - base;
  auto equal_to = [&](const Arr& c) {
    if (c.size() != n) return false;
    for (std::size_t i = 0; i < n; ++i)
      if (!same(c[i], st[base + i])) return false;
    return true;
  };
  auto share = [&](Arr* c, std::uint32_t h32) {
    for (std::size_t i = base; i < st.size(); ++i) drop(st[i]);
    st.resize(base);
    return Frozen{value_t::array, false, h32, c};
  };
  if (la && equal_to(*la)) return share(const_cast<Arr*>(la), header_of(const_cast<Arr*>(la))->hash);
  std::uint64_t h = mix(0x9FB21C651E98DF25ULL, n);
  for (std::size_t i = base; i < st.size(); ++i) h = mix(h, st[i].hash);
  const std::uint32_t h32 = fold(h);
  CacheSlot& slot = g_arrays[slot_of(h32)];
  if (auto* c = static_cast<Arr*>(slot.node); c && slot.hash == h32 && equal_to(*c)) return share(c, h32);
  Arr* node = new_node<Arr>(h32);
  node->reserve(n);
  for (std::size_t i = base; i < st.size(); ++i) {
    node->emplace_back();
    materialize(node->back(), std::move(st[i]));
  }
  st.resize(base);
  slot = {node, h32};
  return {value_t::array, true, h32, node};
}

Frozen freeze_object(Map& m, const Json* like) {
  if (m.frozen()) return {value_t::object, false, m.frozen_node()->hash, Map::shell_of(m.frozen_node())};  // a node
  auto& st = scratch();
  const std::size_t base = st.size();
  // The members of `like` with the same keys guide their counterparts (both sorted).
  const Map* lm = like && like->is_object() ? static_cast<const Map*>(payload(*like)) : nullptr;
  const Member* li = lm && lm->frozen() ? Map::node_items(lm->frozen_node()) : nullptr;
  const std::size_t ln = li ? lm->size() : 0;
  // `aligned`: like has the same keys as m, so the i-th members correspond.
  bool aligned = li && ln == m.size();
  std::size_t i = 0, j = 0;
  for (auto& [k, v] : m) {
    const Json* member_like = nullptr;
    if (j < ln && equal_text(li[j].first, k)) {
      member_like = &li[j].second;  // the usual case: the guide has the same keys
    } else {
      for (; j < ln; ++j) {
        const int c = li[j].first.compare(k);
        if (c < 0) continue;
        if (c == 0) member_like = &li[j].second;
        break;
      }
    }
    if (!member_like || j != i) aligned = false;
    st.push_back(freeze_value(v, member_like));
    if (member_like) ++j;  // the guide's next key is the likely match for the next member
    ++i;
  }
  const std::size_t n = st.size() - base;
  auto same_members = [&](const Flat* c) {
    const Member* items = Map::node_items(c);
    for (std::size_t i = 0; i < n; ++i)
      if (!same(items[i].second, st[base + i])) return false;
    return true;
  };
  auto equal_to = [&](const Flat* c) {
    if (c->size != n) return false;
    const Member* items = Map::node_items(c);
    std::size_t i = 0;
    for (auto it = m.begin(); it != m.end(); ++it, ++i)
      if (!equal_text(items[i].first, it->first)) return false;
    return same_members(c);
  };
  auto share = [&](const Flat* c) {
    for (std::size_t i = base; i < st.size(); ++i) drop(st[i]);
    st.resize(base);
    return Frozen{value_t::object, false, c->hash, Map::shell_of(c)};
  };
  if (aligned && same_members(lm->frozen_node())) return share(lm->frozen_node());
  std::uint64_t h = mix(0xD6E8FEB86659FD93ULL, n);
  i = base;
  for (const auto& member : m) h = mix(hash_bytes(member.first.data(), member.first.size(), h), st[i++].hash);
  const std::uint32_t h32 = fold(h);
  CacheSlot& slot = g_objects[slot_of(h32)];
  if (auto* c = static_cast<Flat*>(slot.node); c && slot.hash == h32 && equal_to(c)) return share(c);
  void* mem = util::node_pool::allocate(Map::node_bytes(n));
  Flat* f = new (mem) Flat{1, h32, n};
  Map* shell = Map::construct_shell(f);
  Member* items = Map::node_items(f);
  i = 0;
  for (auto& [k, v] : m) {
    Member* slot_i = new (items + i) Member(k, Json());
    materialize(slot_i->second, std::move(st[base + i]));
    ++i;
  }
  st.resize(base);
  slot = {f, h32};
  return {value_t::object, true, h32, shell};
}

// Freezes v's contents: strings are moved out of v, and each map and array of v is
// emptied once its node is made or found, so v is left without children for its
// owner to destroy. (Left to Json's destructor, every value would first be moved
// onto a heap stack, nlohmann's guard against deep recursion; freezing has already
// recursed as deep, and emptying as it goes spares a second walk of the document.)
// `like`, when not null, is a frozen value at the same place in a similar document:
// v's parts equal to its parts share its nodes without being hashed or looked up.
Frozen freeze_value(Json& v, const Json* like) {
  switch (v.type()) {
    case value_t::string: return freeze_string(*v.get_ptr<Str*>(), like);
    case value_t::array: {
      Arr& a = *v.get_ptr<Arr*>();
      Frozen f = freeze_array(a, like);
      a.clear();
      return f;
    }
    case value_t::object: {
      Map& m = *v.get_ptr<Map*>();
      if (m.borrowed()) {  // a node already: it passes with its reference
        const Flat* f = m.surrender();
        return {value_t::object, true, f->hash, Map::shell_of(f)};
      }
      if (&v == g_known.part) {
        dispose(v);
        return {value_t::object, false, g_known.twin->frozen_node()->hash, Map::shell_of(g_known.twin->frozen_node())};
      }
      Frozen f = freeze_object(m, like);
      if (!m.frozen()) m.clear();  // a frozen shell is a node itself, not v's to empty
      return f;
    }
    case value_t::binary: {
      Frozen f{value_t::binary, true, fold(binary_hash(v.get_binary())), (v.*robbed(ValueTag{})).binary};
      forget_payload(v);
      return f;
    }
    default: {
      const std::uint64_t bits = scalar_bits(v);
      return {v.type(), false, fold(scalar_hash(v.type(), bits)), nullptr, bits};
    }
  }
}

// ---- 5. make_frozen --------------------------------------------------------------------
// The allocator of a frozen document's shared_ptr: its destroy releases the
// document's nodes before the (then null) root Json is destroyed. Json's own
// destructor must never see a frozen payload.
template <class T>
struct FrozenRootAlloc {
  using value_type = T;
  FrozenRootAlloc() = default;
  template <class U>
  FrozenRootAlloc(const FrozenRootAlloc<U>&) {}  // NOLINT: rebinding
  T* allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T* p, std::size_t n) { std::allocator<T>().deallocate(p, n); }
  template <class U>
  void destroy(U* p) {
    if constexpr (std::is_same_v<std::remove_cv_t<U>, Json>) release_value(const_cast<Json&>(*p));
    p->~U();
  }
  template <class U>
  friend bool operator==(const FrozenRootAlloc&, const FrozenRootAlloc<U>&) {
    return true;
  }
  template <class U>
  friend bool operator!=(const FrozenRootAlloc&, const FrozenRootAlloc<U>&) {
    return false;
  }
};

}  // namespace

namespace json_detail {
void add_node_ref(const void* flat) { ++static_cast<Flat*>(const_cast<void*>(flat))->refs; }
void drop_node_ref(const void* flat) { unref_object(static_cast<Flat*>(const_cast<void*>(flat))); }
}  // namespace json_detail

std::shared_ptr<const Json> make_frozen(Json j, const Json* like) {
  if (!j.is_object()) return std::make_shared<const Json>(std::move(j));
  // Only a frozen document guides: its parts are nodes that can be shared.
  if (like && !(like->is_object() && like->get_ptr<const Map*>()->frozen())) like = nullptr;
  Frozen f = freeze_value(j, like);  // leaves j an empty object
  std::shared_ptr<Json> root = std::allocate_shared<Json>(FrozenRootAlloc<Json>{});
  materialize(*root, std::move(f));
  return root;
}

Json borrow_frozen(const Json& frozen_object) {
  const Map* m = frozen_object.is_object() ? frozen_object.get_ptr<const Map*>() : nullptr;
  if (!m || !m->frozen()) return frozen_object;
  Json out = Json::object();
  out.get_ptr<Map*>()->borrow(m->frozen_node());
  return out;
}

std::shared_ptr<const Json> make_frozen_with(Json j, const Json* like, const Json* part, const Json& twin) {
  const Map* t = twin.is_object() ? twin.get_ptr<const Map*>() : nullptr;
  if (!t || !t->frozen() || !part || !part->is_object()) return make_frozen(std::move(j), like);
  g_known = {part, t};
  struct Reset {
    ~Reset() { g_known = {}; }
  } reset;
  return make_frozen(std::move(j), like);
}

}  // namespace kt
