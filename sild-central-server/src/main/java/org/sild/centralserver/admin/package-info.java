/**
 * The central server's admin REST API ({@link org.sild.centralserver.admin.AdminApi}): JSON
 * resources for the registry, the trust policy, settings, signing keys, management requests,
 * anchors and the audit log, behind API keys, documented by a hand-written OpenAPI 3 document.
 */
package org.sild.centralserver.admin;
