/** uv4j: libuv for Java, with Node.js-style scheduling. */
module io.uv4j {
  exports io.uv4j;
}
