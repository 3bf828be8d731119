package org.sild.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * X-Road's own global configuration XSDs from {@code ../shared/reference/schemas} (found beside the
 * conformance vectors), to show that published configuration is what an X-Road security server
 * accepts. Tests are skipped with a message when the reference folder is missing. The
 * schemas import {@code identifiers.xsd} from another module of X-Road's tree; the resolver finds it.
 */
public final class GlobalConfSchemas {

    private static final String GLOBALCONF = "src/lib/globalconf-core/src/main/resources/globalconf/";
    private static final String IDENTIFIERS = "src/common/common-domain/src/main/resources/identifiers.xsd";

    private GlobalConfSchemas() {
    }

    /** The root of X-Road's schema tree beside the conformance vectors; skips the test when it is missing. */
    public static Path root() {
        Path root = Vectors.configuredRoot().toAbsolutePath().normalize().getParent().getParent().resolve("reference/schemas");
        assumeTrue(Files.isDirectory(root.resolve(GLOBALCONF)), () -> "X-Road schemas not found at " + root
                + "; the XSD checks are skipped");
        return root;
    }

    /** The schema {@code file} of configuration version {@code version}. */
    public static Schema of(String file, int version) {
        Path root = root();
        Path xsd = root.resolve(GLOBALCONF + "v" + version + "/" + file);
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) ->
                    systemId != null && systemId.endsWith("identifiers.xsd") ? new Input(root.resolve(IDENTIFIERS))
                            : null);
            return factory.newSchema(new StreamSource(xsd.toFile()));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load " + xsd + ": " + e.getMessage(), e);
        }
    }

    /** Validates {@code xml}, throwing with the validator's message when it is invalid. */
    public static void validate(Schema schema, byte[] xml) throws SAXException {
        try {
            schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The part of {@link LSInput} the JDK's schema factory reads: a system id and bytes. */
    private record Input(Path file) implements LSInput {
        @Override
        public InputStream getByteStream() {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String getSystemId() {
            return file.toUri().toString();
        }

        @Override
        public Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(Reader characterStream) {
        }

        @Override
        public void setByteStream(InputStream byteStream) {
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {
        }

        @Override
        public void setSystemId(String systemId) {
        }

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public void setPublicId(String publicId) {
        }

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String baseURI) {
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}
