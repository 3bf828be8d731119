package org.sild.securityserver.confsource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * X-Road's own XSDs for global configuration (from {@code ../shared/reference/schemas}), to check
 * that what the source publishes is what an X-Road security server accepts. The schemas import
 * {@code identifiers.xsd} from another module of X-Road's tree; the resolver finds it there.
 */
final class Schemas {

    private static final String GLOBALCONF = "src/lib/globalconf-core/src/main/resources/globalconf/";
    private static final String IDENTIFIERS = "src/common/common-domain/src/main/resources/identifiers.xsd";

    private Schemas() {
    }

    static Path root() {
        String configured = System.getProperty("sild.conformance.dir");
        Path conformance = configured != null ? Path.of(configured)
                : Path.of("..", "..", "shared", "conformance", "xroad-7.8");
        Path root = conformance.toAbsolutePath().normalize().getParent().getParent().resolve("reference/schemas");
        assumeTrue(Files.isDirectory(root.resolve(GLOBALCONF)), () -> "X-Road schemas not found at " + root);
        return root;
    }

    /** The schema of {@code file} ({@code shared-parameters.xsd}, ...) for configuration version {@code version}. */
    static Schema of(String file, int version) {
        Path root = root();
        Path xsd = root.resolve(GLOBALCONF + "v" + version + "/" + file);
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setResourceResolver(new Resolver(root));
            return factory.newSchema(new StreamSource(xsd.toFile()));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load " + xsd + ": " + e.getMessage(), e);
        }
    }

    /** Validates {@code xml}, throwing with the validator's message when it is invalid. */
    static void validate(Schema schema, byte[] xml) throws SAXException {
        try {
            schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Resolver(Path root) implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId == null || !systemId.endsWith("identifiers.xsd")) {
                return null;
            }
            Path file = root.resolve(IDENTIFIERS);
            return new Input(file.toUri().toString(), () -> {
                try {
                    return Files.newInputStream(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private interface Opener {
        InputStream open();
    }

    /** The minimal {@link LSInput} the JDK's schema factory needs: a system id and a byte stream. */
    private record Input(String systemId, Opener opener) implements LSInput {
        @Override
        public java.io.Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(java.io.Reader characterStream) {
        }

        @Override
        public InputStream getByteStream() {
            return opener.open();
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
        public String getSystemId() {
            return systemId;
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
