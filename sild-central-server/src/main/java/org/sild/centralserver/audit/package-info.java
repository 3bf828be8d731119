/**
 * The central server's audit log: every administrative change with who made it (an admin API
 * key's name, {@code management-service} or {@code system}), the action, the object it changed,
 * details as JSON and the time from the server's clock. The registry writes an entry in the same
 * transaction as the change it records ({@link org.sild.centralserver.audit.AuditLog#append}); the
 * admin API reads them ({@link org.sild.centralserver.audit.AuditLog#list}).
 */
package org.sild.centralserver.audit;
