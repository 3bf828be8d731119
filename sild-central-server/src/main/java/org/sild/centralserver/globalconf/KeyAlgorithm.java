package org.sild.centralserver.globalconf;

/**
 * The algorithm of new configuration signing keys, as X-Road's {@code internal-key-algorithm} and
 * {@code external-key-algorithm}: RSA 2048 (X-Road's default) or EC P-256 (X-Road 7.6 and later).
 */
public enum KeyAlgorithm {
    RSA,
    EC
}
