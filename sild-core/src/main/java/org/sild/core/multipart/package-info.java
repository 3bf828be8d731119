/**
 * MIME multipart (RFC 2046), streamed both ways with bounded memory.
 *
 * <p>{@link org.sild.core.multipart.MultipartReader} pulls parts from an input stream, each
 * {@link org.sild.core.multipart.BodyPart} exposing its {@link org.sild.core.multipart.MimeHeaders}
 * and a body stream that reads straight from the input; {@link org.sild.core.multipart.MultipartWriter}
 * writes parts with CRLF line ends; {@link org.sild.core.multipart.ContentType} reads and prints
 * {@code Content-Type} values.
 *
 * <p>Decisions. Malformed MIME is {@code MimeParsingFailed} (X-Road maps every MIME parser failure
 * to that code); a missing close delimiter is malformed, although X-Road's lenient parser accepts it,
 * because a truncated stream must never pass for a complete one. A bad or missing boundary parameter
 * is {@code InvalidContentType}. Header fields are decoded as UTF-8 when valid, else as ISO-8859-1.
 */
package org.sild.core.multipart;
