/**
 * Local demonstration helpers: a stand-in for an EHR's token signing, so that the service can be tried with curl.
 * Never use these keys or tokens outside a local demo.
 */
package org.twitchtriage.cdshooks.demo;
