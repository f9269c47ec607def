// User output as the kernel puts it on the wire: the inside of a JSON string,
// UTF-8. Escaping it here, where the bytes are, spares the kernel decoding
// them into a string and encoding that again (a 50 MB cell cost the kernel
// ~150 ms of its one thread that way).
#pragma once

#include <cstddef>
#include <string>

namespace cppnb {

// One per output stream: a character whose bytes arrive in two reads is kept
// until its end arrives. Bytes that are not UTF-8 become U+FFFD, one per
// maximal invalid part, as browsers' and Node's decoders do.
class OutputText {
public:
  // Appends the escaped text of data to out.
  void append(const char *data, size_t size, std::string &out);
  // The stream ends here: an unfinished character becomes U+FFFD.
  void finish(std::string &out);

private:
  unsigned char Carry[4];
  size_t Carried = 0;
};

} // namespace cppnb
