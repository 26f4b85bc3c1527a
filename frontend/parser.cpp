#include "frontend/parser.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace nyash {

namespace {

using ast::Block;
using ast::Callable;
using ast::CallableKind;
using ast::ExprPtr;
using ast::StmtPtr;

// A binary or logical operator and its level of §7.2 (higher binds tighter).
struct BinaryOperator {
    int precedence;
    bool logical;
    ast::BinaryOp binary_op = ast::BinaryOp::Add;
    ast::LogicalOp logical_op = ast::LogicalOp::And;
};

constexpr int kLowestPrecedence = 1;

std::optional<BinaryOperator> binary_operator(TokenKind kind) {
    using ast::BinaryOp;
    using ast::LogicalOp;
    switch (kind) {
        case TokenKind::KwOr: case TokenKind::OrOr: return BinaryOperator{1, true, {}, LogicalOp::Or};
        case TokenKind::KwAnd: case TokenKind::AndAnd: return BinaryOperator{2, true, {}, LogicalOp::And};
        case TokenKind::EqEq: return BinaryOperator{3, false, BinaryOp::Eq};
        case TokenKind::NotEq: return BinaryOperator{3, false, BinaryOp::Ne};
        case TokenKind::Less: return BinaryOperator{4, false, BinaryOp::Lt};
        case TokenKind::LessEq: return BinaryOperator{4, false, BinaryOp::Le};
        case TokenKind::Greater: return BinaryOperator{4, false, BinaryOp::Gt};
        case TokenKind::GreaterEq: return BinaryOperator{4, false, BinaryOp::Ge};
        case TokenKind::Plus: return BinaryOperator{5, false, BinaryOp::Add};
        case TokenKind::Minus: return BinaryOperator{5, false, BinaryOp::Sub};
        case TokenKind::Star: return BinaryOperator{6, false, BinaryOp::Mul};
        case TokenKind::Slash: return BinaryOperator{6, false, BinaryOp::Div};
        case TokenKind::Percent: return BinaryOperator{6, false, BinaryOp::Mod};
        default: return std::nullopt;
    }
}

bool is_constructor_keyword(TokenKind kind) {
    return kind == TokenKind::KwBirth || kind == TokenKind::KwInit || kind == TokenKind::KwPack;
}

bool can_start_expression(TokenKind kind) {
    switch (kind) {
        case TokenKind::Int: case TokenKind::Float: case TokenKind::String: case TokenKind::KwTrue:
        case TokenKind::KwFalse: case TokenKind::KwNull: case TokenKind::KwMe: case TokenKind::KwThis:
        case TokenKind::Ident: case TokenKind::KwNew: case TokenKind::KwFrom: case TokenKind::LParen:
        case TokenKind::Minus: case TokenKind::KwNot: case TokenKind::Bang:
            return true;
        default:
            return false;
    }
}

std::unique_ptr<Callable> make_callable(CallableKind kind, std::string name, SourceLoc loc, int owner_box = -1) {
    auto callable = std::make_unique<Callable>();
    callable->kind = kind;
    callable->name = std::move(name);
    callable->loc = loc;
    callable->owner_box = owner_box;
    return callable;
}

NyashError syntax_error(SourceLoc loc, std::string message) {
    return NyashError(ErrorKind::SyntaxError, std::move(message), loc);
}

// Recursive descent with precedence climbing. A syntax error is thrown as NyashError and caught
// at the nearest statement/member boundary, which records it and skips to the next separator
// (error recovery); errors that leave the parse well-formed (duplicates, misplaced constructors,
// ...) are recorded without unwinding.
class Parser {
public:
    explicit Parser(const std::vector<Token>& tokens) : tokens_(tokens) {}

    ParseResult run() {
        auto program = std::make_unique<ast::Program>();
        program_ = program.get();
        program->script = make_callable(CallableKind::Script, "<script>", SourceLoc{1, 1});
        parse_program();
        // Recovery reports in token order already; sorting makes "errors[0] is the first in
        // source order" hold by construction rather than by care.
        std::ranges::stable_sort(errors_, [](const NyashError& a, const NyashError& b) {
            return std::pair(a.loc().line, a.loc().col) < std::pair(b.loc().line, b.loc().col);
        });
        return ParseResult{std::move(program), std::move(errors_)};
    }

private:
    const std::vector<Token>& tokens_;
    size_t pos_ = 0;
    int depth_ = 0;  // current nesting of blocks and expressions
    std::vector<NyashError> errors_;
    ast::Program* program_ = nullptr;

    // Scratch state of the box being parsed, for the duplicate checks.
    struct BoxInProgress {
        ast::BoxDecl& decl;
        int index;
        std::unordered_set<std::string_view> field_names;
        std::unordered_set<std::string_view> method_names;
    };

    // One level of nesting for the lifetime of the guard.
    class NestingGuard {
    public:
        explicit NestingGuard(Parser& parser) : parser_(parser) { parser_.enter_nesting(); }
        ~NestingGuard() { --parser_.depth_; }
        NestingGuard(const NestingGuard&) = delete;
        NestingGuard& operator=(const NestingGuard&) = delete;

    private:
        Parser& parser_;
    };

    // Iterative chains (`a + b + c`, `a.b.c`) nest the tree one level per link.
    class ChainDepth {
    public:
        explicit ChainDepth(Parser& parser) : parser_(parser) {}
        ~ChainDepth() { parser_.depth_ -= links_; }
        ChainDepth(const ChainDepth&) = delete;
        ChainDepth& operator=(const ChainDepth&) = delete;
        void add_link() {
            parser_.enter_nesting();
            ++links_;
        }

    private:
        Parser& parser_;
        int links_ = 0;
    };

    // ------------------------------------------------------------ tokens

    const Token& current() const { return tokens_[pos_]; }
    const Token& peek(size_t ahead) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
    bool at(TokenKind kind) const { return current().kind == kind; }
    bool at_separator() const { return at(TokenKind::Newline) || at(TokenKind::Semicolon); }

    const Token& advance() {
        const Token& token = tokens_[pos_];
        if (token.kind != TokenKind::Eof) ++pos_;
        return token;
    }

    bool accept(TokenKind kind) {
        if (!at(kind)) return false;
        advance();
        return true;
    }

    const Token& expect(TokenKind kind, std::string_view expected) {
        if (!at(kind)) unexpected(expected);
        return advance();
    }

    void skip_newlines() {
        while (at(TokenKind::Newline)) advance();
    }

    void skip_separators() {
        while (at_separator()) advance();
    }

    // `else`, `catch` and `finally` may follow on a later line (§4.2).
    bool next_after_newlines_is(TokenKind kind) const {
        size_t index = pos_;
        while (tokens_[index].kind == TokenKind::Newline) ++index;
        return tokens_[index].kind == kind;
    }

    // ------------------------------------------------------------ errors

    [[noreturn]] void fail(SourceLoc loc, std::string message) { throw syntax_error(loc, std::move(message)); }

    [[noreturn]] void unexpected(std::string_view expected) {
        const Token& token = current();
        if (token.kind == TokenKind::KwUnsupported) fail(token.loc, "unsupported feature '" + token.text + "'");
        fail(token.loc, "unexpected " + describe_token(token) + ", expected " + std::string(expected));
    }

    void record(NyashError error) {
        if (errors_.size() >= kMaxSyntaxErrors) return;
        // Unwinding through nested blocks can report the same token (typically end of file) twice.
        if (!errors_.empty() && errors_.back().loc() == error.loc()) return;
        errors_.push_back(std::move(error));
        if (errors_.size() == kMaxSyntaxErrors) pos_ = tokens_.size() - 1;  // give up: jump to Eof
    }

    void report(SourceLoc loc, std::string message) { record(syntax_error(loc, std::move(message))); }

    void enter_nesting() {
        if (depth_ >= kMaxNestingDepth) {
            fail(current().loc, "nesting too deep (limit " + std::to_string(kMaxNestingDepth) + ")");
        }
        ++depth_;
    }

    // Skips the rest of a broken statement or member: up to the next separator outside braces,
    // or up to the `}` closing the enclosing braces (not consumed), keeping braces balanced.
    void synchronize(bool inside_braces) {
        int brace_depth = 0;
        while (!at(TokenKind::Eof)) {
            const TokenKind kind = current().kind;
            if (brace_depth == 0 && (kind == TokenKind::Newline || kind == TokenKind::Semicolon)) return;
            if (kind == TokenKind::LBrace) {
                ++brace_depth;
            } else if (kind == TokenKind::RBrace) {
                if (brace_depth == 0 && inside_braces) return;
                if (brace_depth > 0) --brace_depth;
            }
            advance();
        }
    }

    // `{ item... }` with SEPs allowed between items; each item recovers on its own.
    template <typename ParseItem>
    void parse_braced_items(ParseItem parse_item) {
        expect(TokenKind::LBrace, "'{'");
        while (true) {
            skip_separators();
            if (accept(TokenKind::RBrace)) return;
            if (at(TokenKind::Eof)) unexpected("'}'");
            try {
                parse_item();
            } catch (const NyashError& error) {
                record(error);
                synchronize(true);
            }
        }
    }

    // §4.2: after a statement comes a SEP, the `}` closing the block, or end of file.
    void expect_statement_end(bool in_block) {
        if (at_separator() || at(TokenKind::Eof) || (in_block && at(TokenKind::RBrace))) return;
        unexpected("newline or ';'");
    }

    void reject_generic() {
        if (at(TokenKind::Less)) fail(current().loc, "generic boxes are not supported");
    }

    // ------------------------------------------------------------ top level

    void parse_program() {
        while (true) {
            skip_separators();
            if (at(TokenKind::Eof)) return;
            try {
                parse_top_item();
                expect_statement_end(false);
            } catch (const NyashError& error) {
                record(error);
                synchronize(false);
            }
        }
    }

    void parse_top_item() {
        switch (current().kind) {
            case TokenKind::KwBox:
                parse_box(false);
                return;
            case TokenKind::KwStatic:
                advance();
                if (at(TokenKind::KwFunction)) fail(current().loc, "unsupported feature 'static function'");
                if (!at(TokenKind::KwBox)) unexpected("'box'");
                parse_box(true);
                return;
            case TokenKind::KwInterface:
                parse_interface();
                return;
            case TokenKind::KwFunction:
                parse_function();
                return;
            default:
                program_->script->body.push_back(parse_statement());
                return;
        }
    }

    void parse_function() {
        advance();  // function
        const Token& name = expect(TokenKind::Ident, "function name");
        auto function = make_callable(CallableKind::Function, name.text, name.loc);
        function->params = parse_params();
        function->body = parse_block();
        program_->functions.push_back(std::move(function));
    }

    std::vector<ast::Param> parse_params() {
        expect(TokenKind::LParen, "'('");
        std::vector<ast::Param> params;
        if (accept(TokenKind::RParen)) return params;
        std::unordered_set<std::string_view> seen;
        do {
            const Token& name = expect(TokenKind::Ident, "parameter name");
            if (!seen.insert(name.text).second) report(name.loc, "duplicate parameter '" + name.text + "'");
            params.push_back(ast::Param{name.text, name.loc});
        } while (accept(TokenKind::Comma));
        expect(TokenKind::RParen, "',' or ')'");
        return params;
    }

    void parse_interface() {
        const SourceLoc keyword_loc = advance().loc;
        const Token& name = expect(TokenKind::Ident, "interface name");
        ast::InterfaceDecl decl{name.text, name.loc, keyword_loc, {}};
        skip_newlines();
        parse_braced_items([&] {
            const Token& method = expect(TokenKind::Ident, "method signature");
            const auto params = parse_params();
            decl.methods.push_back(ast::InterfaceMethod{method.text, method.loc, static_cast<int>(params.size())});
            if (!at_separator() && !at(TokenKind::RBrace)) unexpected("newline, ';' or '}'");
        });
        program_->interfaces.push_back(std::move(decl));
    }

    // ------------------------------------------------------------ boxes

    void parse_box(bool is_static) {
        advance();  // box
        const Token& name = expect(TokenKind::Ident, "box name");
        auto decl = std::make_unique<ast::BoxDecl>();
        decl->name = name.text;
        decl->loc = name.loc;
        decl->is_static = is_static;
        reject_generic();
        if (at(TokenKind::KwFrom)) {
            if (is_static) fail(current().loc, "static boxes cannot use delegation");
            advance();
            const Token& parent = expect(TokenKind::Ident, "parent box name");
            decl->parent = parent.text;
            decl->parent_loc = parent.loc;
            reject_generic();
            if (at(TokenKind::Comma)) fail(current().loc, "multiple delegation is not supported");
        }
        if (at(TokenKind::KwInterface)) {
            if (is_static) fail(current().loc, "static boxes cannot implement interfaces");
            decl->interface_loc = advance().loc;
            do {
                const Token& interface = expect(TokenKind::Ident, "interface name");
                decl->interfaces.emplace_back(interface.text, interface.loc);
            } while (accept(TokenKind::Comma));
        }
        BoxInProgress box{*decl, static_cast<int>(program_->boxes.size()), {}, {}};
        skip_newlines();
        parse_braced_items([&] { parse_member(box); });
        program_->boxes.push_back(std::move(decl));
    }

    void parse_member(BoxInProgress& box) {
        const Token& first = current();
        switch (first.kind) {
            case TokenKind::KwInit:
                if (peek(1).kind == TokenKind::LBrace) {
                    parse_field_block(box);
                } else {
                    parse_constructor(box);
                }
                return;
            case TokenKind::KwBirth:
            case TokenKind::KwPack:
                parse_constructor(box);
                return;
            case TokenKind::KwOverride:
                advance();
                if (is_constructor_keyword(current().kind)) {
                    report(current().loc, "constructors cannot be marked override");
                    parse_constructor(box);
                } else {
                    parse_method(box, expect(TokenKind::Ident, "method name"), true);
                }
                return;
            case TokenKind::KwStatic:
                parse_static_block(box);
                return;
            case TokenKind::Ident:
                advance();
                if (!at(TokenKind::LParen)) fail(first.loc, "field '" + first.text + "' must be declared inside init { }");
                parse_method(box, first, false);
                return;
            default:
                unexpected("a field block, constructor or method");
        }
    }

    void parse_field_block(BoxInProgress& box) {
        advance();  // init
        expect(TokenKind::LBrace, "'{'");
        skip_newlines();
        if (accept(TokenKind::RBrace)) return;
        while (true) {
            parse_field(box);
            // Fields are separated by commas and/or newlines; one trailing comma is allowed.
            const bool separated = accept(TokenKind::Comma) || at(TokenKind::Newline);
            skip_newlines();
            if (accept(TokenKind::RBrace)) return;
            if (!separated) unexpected("',', newline or '}'");
        }
    }

    void parse_field(BoxInProgress& box) {
        const SourceLoc weak_loc = current().loc;
        const bool weak = accept(TokenKind::KwWeak);
        const Token& name = expect(TokenKind::Ident, "field name");
        if (!box.field_names.insert(name.text).second) {
            report(name.loc, "duplicate field '" + name.text + "' in box '" + box.decl.name + "'");
        }
        box.decl.fields.push_back(ast::FieldDecl{name.text, name.loc, weak, weak ? weak_loc : SourceLoc{}});
    }

    void parse_constructor(BoxInProgress& box) {
        const Token& keyword = advance();
        const bool misplaced = box.decl.is_static || box.decl.constructor;
        if (box.decl.is_static) {
            report(keyword.loc, "static boxes cannot have constructors");
        } else if (box.decl.constructor) {
            report(keyword.loc, "box '" + box.decl.name + "' declares more than one constructor");
        }
        auto constructor = make_callable(CallableKind::Constructor, keyword.text, keyword.loc, box.index);
        constructor->params = parse_params();
        constructor->body = parse_block();
        if (!misplaced) box.decl.constructor = std::move(constructor);
    }

    void parse_method(BoxInProgress& box, const Token& name, bool is_override) {
        if (name.text == box.decl.name) {
            report(name.loc, "constructor must be named birth, init or pack (not '" + name.text + "')");
        } else if (!box.method_names.insert(name.text).second) {
            report(name.loc, "duplicate method '" + name.text + "' in box '" + box.decl.name + "'");
        }
        auto method = make_callable(CallableKind::Method, name.text, name.loc, box.index);
        method->is_override = is_override;
        method->params = parse_params();
        method->body = parse_block();
        box.decl.methods.push_back(std::move(method));
    }

    void parse_static_block(BoxInProgress& box) {
        const Token& keyword = advance();
        if (at(TokenKind::KwFunction)) fail(current().loc, "unsupported feature 'static function'");
        if (!box.decl.is_static) {
            fail(keyword.loc, "unexpected 'static', expected a field block, constructor or method "
                              "(static blocks are only allowed in static boxes)");
        }
        if (box.decl.static_init) {
            report(keyword.loc, "static box '" + box.decl.name + "' has more than one static block");
        }
        auto initializer = make_callable(CallableKind::StaticInit, "static", keyword.loc, box.index);
        initializer->body = parse_block();
        if (!box.decl.static_init) box.decl.static_init = std::move(initializer);
    }

    // ------------------------------------------------------------ statements

    Block parse_block() {
        skip_newlines();
        NestingGuard guard(*this);
        Block body;
        parse_braced_items([&] {
            body.push_back(parse_statement());
            expect_statement_end(true);
        });
        return body;
    }

    StmtPtr parse_statement() {
        const Token& first = current();
        switch (first.kind) {
            case TokenKind::KwLocal: return parse_local();
            case TokenKind::KwIf: return parse_if();
            case TokenKind::KwLoop: return parse_loop();
            case TokenKind::KwBreak:
                advance();
                return std::make_unique<ast::BreakStmt>(first.loc);
            case TokenKind::KwContinue:
                advance();
                return std::make_unique<ast::ContinueStmt>(first.loc);
            case TokenKind::KwReturn: return parse_return();
            case TokenKind::KwPrint: return parse_print();
            case TokenKind::KwTry: return parse_try();
            case TokenKind::KwThrow:
                advance();
                return std::make_unique<ast::ThrowStmt>(first.loc, parse_expression());
            case TokenKind::KwBox: case TokenKind::KwStatic: case TokenKind::KwFunction: case TokenKind::KwInterface:
                fail(first.loc, "declarations are only allowed at top level");
            default:
                if (!can_start_expression(first.kind)) unexpected("statement");
                return parse_assignment_or_expression();
        }
    }

    StmtPtr parse_local() {
        auto stmt = std::make_unique<ast::LocalStmt>(advance().loc);
        do {
            const Token& name = expect(TokenKind::Ident, "variable name");
            ast::Declarator declarator{name.text, name.loc, nullptr};
            if (accept(TokenKind::Assign)) declarator.init = parse_expression();
            stmt->declarators.push_back(std::move(declarator));
        } while (accept(TokenKind::Comma));
        return stmt;
    }

    StmtPtr parse_if() {
        const SourceLoc loc = advance().loc;
        auto stmt = std::make_unique<ast::IfStmt>(loc, parse_expression());
        stmt->then_body = parse_block();
        if (next_after_newlines_is(TokenKind::KwElse)) {
            skip_newlines();
            advance();  // else
            if (at(TokenKind::KwIf)) {
                NestingGuard guard(*this);  // an else-if chain nests the tree like a block
                stmt->else_body.push_back(parse_if());
            } else {
                stmt->else_body = parse_block();
            }
        }
        return stmt;
    }

    StmtPtr parse_loop() {
        const SourceLoc loc = advance().loc;
        expect(TokenKind::LParen, "'('");
        auto stmt = std::make_unique<ast::LoopStmt>(loc, parse_expression());
        expect(TokenKind::RParen, "')'");
        stmt->body = parse_block();
        return stmt;
    }

    StmtPtr parse_return() {
        const SourceLoc loc = advance().loc;
        ExprPtr value;
        if (!at_separator() && !at(TokenKind::RBrace) && !at(TokenKind::Eof)) value = parse_expression();
        return std::make_unique<ast::ReturnStmt>(loc, std::move(value));
    }

    StmtPtr parse_print() {
        const SourceLoc loc = advance().loc;
        expect(TokenKind::LParen, "'('");
        auto stmt = std::make_unique<ast::PrintStmt>(loc, parse_expression());
        expect(TokenKind::RParen, "')'");
        return stmt;
    }

    StmtPtr parse_try() {
        auto stmt = std::make_unique<ast::TryStmt>(advance().loc);
        stmt->body = parse_block();
        if (next_after_newlines_is(TokenKind::KwCatch)) {
            skip_newlines();
            advance();  // catch
            expect(TokenKind::LParen, "'('");
            const Token* variable = &expect(TokenKind::Ident, "catch variable name");
            if (at(TokenKind::Ident)) {
                variable = &advance();
                report(variable->loc, "typed catch clauses are not supported");
            }
            expect(TokenKind::RParen, "')'");
            stmt->has_catch = true;
            stmt->catch_var = variable->text;
            stmt->catch_var_loc = variable->loc;
            stmt->catch_body = parse_block();
        }
        if (next_after_newlines_is(TokenKind::KwFinally)) {
            skip_newlines();
            advance();  // finally
            stmt->has_finally = true;
            stmt->finally_body = parse_block();
        }
        if (!stmt->has_catch && !stmt->has_finally) report(current().loc, "'try' requires 'catch' or 'finally'");
        return stmt;
    }

    // §4.2: read an expression; an `=` after it makes it the target of an assignment.
    StmtPtr parse_assignment_or_expression() {
        const SourceLoc loc = current().loc;
        ExprPtr expr = parse_expression();
        if (!at(TokenKind::Assign)) return std::make_unique<ast::ExprStmt>(loc, std::move(expr));
        // A target is IDENT or postfix.IDENT, so it ends with an identifier: `(a) = 1` does not.
        const bool valid_target = (expr->kind == ast::ExprKind::Name || expr->kind == ast::ExprKind::Field) &&
                                  tokens_[pos_ - 1].kind == TokenKind::Ident;
        const SourceLoc assign_loc = advance().loc;
        if (!valid_target) report(assign_loc, "invalid assignment target");
        return std::make_unique<ast::AssignStmt>(assign_loc, std::move(expr), parse_expression());
    }

    // ------------------------------------------------------------ expressions

    ExprPtr parse_expression() {
        NestingGuard guard(*this);
        return parse_binary(kLowestPrecedence);
    }

    ExprPtr parse_binary(int min_precedence) {
        ExprPtr lhs = parse_unary();
        ChainDepth chain(*this);
        while (true) {
            const auto op = binary_operator(current().kind);
            if (!op || op->precedence < min_precedence) return lhs;
            chain.add_link();
            const SourceLoc loc = advance().loc;
            ExprPtr rhs = parse_binary(op->precedence + 1);  // left-associative
            if (op->logical) {
                lhs = std::make_unique<ast::LogicalExpr>(loc, op->logical_op, std::move(lhs), std::move(rhs));
            } else {
                lhs = std::make_unique<ast::BinaryExpr>(loc, op->binary_op, std::move(lhs), std::move(rhs));
            }
        }
    }

    ExprPtr parse_unary() {
        const TokenKind kind = current().kind;
        if (kind != TokenKind::Minus && kind != TokenKind::KwNot && kind != TokenKind::Bang) return parse_postfix();
        NestingGuard guard(*this);
        const SourceLoc loc = advance().loc;
        const auto op = kind == TokenKind::Minus ? ast::UnaryOp::Neg : ast::UnaryOp::Not;
        return std::make_unique<ast::UnaryExpr>(loc, op, parse_unary());
    }

    ExprPtr parse_postfix() {
        ExprPtr expr = parse_primary();
        ChainDepth chain(*this);
        while (at(TokenKind::Dot)) {
            chain.add_link();
            advance();
            const Token& member = expect(TokenKind::Ident, "member name");
            if (at(TokenKind::LParen)) {
                expr = std::make_unique<ast::MethodCallExpr>(member.loc, std::move(expr), member.text, parse_args());
            } else {
                expr = std::make_unique<ast::FieldExpr>(member.loc, std::move(expr), member.text);
            }
        }
        return expr;
    }

    ExprPtr parse_primary() {
        const Token& token = current();
        switch (token.kind) {
            case TokenKind::Int:
                advance();
                return std::make_unique<ast::IntLit>(token.loc, token.int_value);
            case TokenKind::Float:
                advance();
                return std::make_unique<ast::FloatLit>(token.loc, token.float_value);
            case TokenKind::String:
                advance();
                return std::make_unique<ast::StringLit>(token.loc, token.text);
            case TokenKind::KwTrue:
            case TokenKind::KwFalse:
                advance();
                return std::make_unique<ast::BoolLit>(token.loc, token.kind == TokenKind::KwTrue);
            case TokenKind::KwNull:
                advance();
                return std::make_unique<ast::NullLit>(token.loc);
            case TokenKind::KwMe:
            case TokenKind::KwThis:
                advance();
                return std::make_unique<ast::MeExpr>(token.loc);
            case TokenKind::Ident:
                advance();
                if (at(TokenKind::LParen)) return std::make_unique<ast::CallExpr>(token.loc, token.text, parse_args());
                return std::make_unique<ast::NameExpr>(token.loc, token.text);
            case TokenKind::KwNew: return parse_new();
            case TokenKind::KwFrom: return parse_from_call();
            case TokenKind::LParen: {
                advance();
                ExprPtr inner = parse_expression();
                expect(TokenKind::RParen, "')'");
                return inner;
            }
            default:
                unexpected("expression");
        }
    }

    ExprPtr parse_new() {
        const SourceLoc loc = advance().loc;
        const Token& name = expect(TokenKind::Ident, "box name");
        reject_generic();
        return std::make_unique<ast::NewExpr>(loc, name.text, name.loc, parse_args());
    }

    ExprPtr parse_from_call() {
        const SourceLoc loc = advance().loc;
        const Token& parent = expect(TokenKind::Ident, "parent box name");
        expect(TokenKind::Dot, "'.'");
        const Token& method = current();
        const bool is_constructor = is_constructor_keyword(method.kind);
        if (!is_constructor && method.kind != TokenKind::Ident) unexpected("method name");
        advance();
        return std::make_unique<ast::FromCallExpr>(loc, parent.text, parent.loc, method.text, is_constructor,
                                                   parse_args());
    }

    std::vector<ExprPtr> parse_args() {
        expect(TokenKind::LParen, "'('");
        std::vector<ExprPtr> args;
        if (accept(TokenKind::RParen)) return args;
        do {
            args.push_back(parse_expression());
        } while (accept(TokenKind::Comma));
        expect(TokenKind::RParen, "',' or ')'");
        return args;
    }
};

}  // namespace

ParseResult parse(const std::vector<Token>& tokens) { return Parser(tokens).run(); }

}  // namespace nyash
