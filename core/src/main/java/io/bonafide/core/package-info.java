/**
 * The SPEC error types ({@link io.bonafide.core.ErrorType}) and the root exception
 * ({@link io.bonafide.core.BonafideException}) with its retriable marker, shared by every module.
 */
package io.bonafide.core;
