/**
 * What every module shares: settings of the whole server, the database connection, paging and
 * the errors that turn into RFC 9457 problem details at the HTTP edge. An open module: any
 * module may use all of it, and it uses no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.arbiter.shared;
