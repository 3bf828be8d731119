package org.sild.core.transport;

/** What a transport message carries: a SOAP message (with attachments) or a REST message (with a body). */
public enum MessageType {
    SOAP,
    REST
}
